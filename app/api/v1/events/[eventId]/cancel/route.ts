import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { eventSchema, idOf, one } from "@/lib/api/schemas";
import { cancelEvent } from "@/lib/events/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  { method: "POST", path: "/api/v1/events/{eventId}/cancel", tag: "Events", summary: "Cancel an event", access: "events.manage", params: z.object({ eventId: idOf("evt") }), response: one(eventSchema) },
  async ({ principal, params: { eventId } }) => ({ data: await cancelEvent(principal, eventId) }),
);
