import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, registrationSchema } from "@/lib/api/schemas";
import { getRegistration } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/registrations/{registrationId}", tag: "Registrations", summary: "Get a registration", access: "attendees.read", params: z.object({ registrationId: idOf("reg") }), response: one(registrationSchema) },
  async ({ principal, params: { registrationId } }) => ({ data: await getRegistration(principal, registrationId) }),
);
