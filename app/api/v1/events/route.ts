import { z } from "zod";
import { endpoint, pageQuery } from "@/lib/api/endpoint";
import { eventSchema, list, one } from "@/lib/api/schemas";
import { createEvent, createEventInput, listEvents } from "@/lib/events/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/events", tag: "Events", summary: "List events, soonest first", access: "events.read", query: pageQuery.extend({ status: z.enum(["draft", "published", "cancelled"]).optional() }), response: list(eventSchema) },
  async ({ principal, query }) => listEvents(principal, query),
);

export const POST = endpoint(
  { method: "POST", path: "/api/v1/events", tag: "Events", summary: "Create an event (as a draft)", description: "Times are ISO 8601 with an offset; `timezone` is the IANA zone attendees see them in. Without `slug`, one is made from the title.", access: "events.manage", body: createEventInput, response: one(eventSchema), status: 201 },
  async ({ principal, body }) => ({ data: await createEvent(principal, body) }),
);
