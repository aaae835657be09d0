import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { eventSchema, idOf, one } from "@/lib/api/schemas";
import { publishEvent } from "@/lib/events/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  { method: "POST", path: "/api/v1/events/{eventId}/publish", tag: "Events", summary: "Publish an event (opens its public page and registration)", description: "409 `event_ended` when the event is already over; 409 `event_cancelled` for a cancelled event.", access: "events.manage", params: z.object({ eventId: idOf("evt") }), response: one(eventSchema) },
  async ({ principal, params: { eventId } }) => ({ data: await publishEvent(principal, eventId) }),
);
