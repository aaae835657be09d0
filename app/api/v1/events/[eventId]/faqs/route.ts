import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { faqSchema, idOf, list, one } from "@/lib/api/schemas";
import { addFaq, createFaqInput, listFaqs } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt") });

export const GET = endpoint(
  { method: "GET", path: "/api/v1/events/{eventId}/faqs", tag: "Events", summary: "The event's FAQs", access: "events.read", params, response: list(faqSchema) },
  async ({ principal, params: { eventId } }) => ({ data: await listFaqs(principal, eventId), nextCursor: null }),
);

export const POST = endpoint(
  { method: "POST", path: "/api/v1/events/{eventId}/faqs", tag: "Events", summary: "Add a FAQ", access: "events.manage", params, body: createFaqInput, response: one(faqSchema), status: 201 },
  async ({ principal, params: { eventId }, body }) => ({ data: await addFaq(principal, eventId, body) }),
);
