import { endpoint } from "@/lib/api/endpoint";
import { list, one } from "@/lib/api/schemas";
import { phoneNumberSchema } from "@/lib/concierge/api-schemas";
import { createPhoneNumber, createPhoneNumberInput, listPhoneNumbers, listPhoneNumbersQuery } from "@/lib/concierge/phone-numbers";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/phone-numbers", tag: "Phone numbers", summary: "List the concierge's numbers and their events", access: "settings.manage", query: listPhoneNumbersQuery, response: list(phoneNumberSchema) },
  async ({ principal, query }) => listPhoneNumbers(principal, query),
);

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/phone-numbers",
    tag: "Phone numbers",
    summary: "Map a number to an event",
    description: "Messages to this number (SMS, or WhatsApp as `whatsapp:+…`) are answered by the concierge for the event. A number can be mapped once across all organizations: 409 `phone_number_taken`.",
    access: "settings.manage",
    body: createPhoneNumberInput,
    response: one(phoneNumberSchema),
    status: 201,
  },
  async ({ principal, body, auditContext }) => ({ data: await createPhoneNumber(principal, body, auditContext) }),
);
