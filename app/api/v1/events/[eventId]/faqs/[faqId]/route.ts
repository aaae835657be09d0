import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { faqSchema, idOf, one } from "@/lib/api/schemas";
import { deleteFaq, updateFaq, updateFaqInput } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt"), faqId: idOf("faq") });

export const PATCH = endpoint(
  { method: "PATCH", path: "/api/v1/events/{eventId}/faqs/{faqId}", tag: "Events", summary: "Change a FAQ", access: "events.manage", params, body: updateFaqInput, response: one(faqSchema) },
  async ({ principal, params: { eventId, faqId }, body }) => ({ data: await updateFaq(principal, eventId, faqId, body) }),
);

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/events/{eventId}/faqs/{faqId}", tag: "Events", summary: "Remove a FAQ", access: "events.manage", params, status: 204 },
  async ({ principal, params: { eventId, faqId } }) => deleteFaq(principal, eventId, faqId),
);
