import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { eventSchema, idOf, one } from "@/lib/api/schemas";
import { deleteDraftEvent, getEvent, updateEvent, updateEventInput } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt") });

export const GET = endpoint(
  { method: "GET", path: "/api/v1/events/{eventId}", tag: "Events", summary: "Get an event", access: "events.read", params, response: one(eventSchema) },
  async ({ principal, params: { eventId } }) => ({ data: await getEvent(principal, eventId) }),
);

export const PATCH = endpoint(
  { method: "PATCH", path: "/api/v1/events/{eventId}", tag: "Events", summary: "Change an event", description: "409 `capacity_below_confirmed` when lowering capacity below the confirmed count; 409 `event_cancelled` for a cancelled event. Moving start and end by the same amount moves every session with them; other changes of the times are refused (422) when a session would fall outside.", access: "events.manage", params, body: updateEventInput, response: one(eventSchema) },
  async ({ principal, params: { eventId }, body }) => ({ data: await updateEvent(principal, eventId, body) }),
);

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/events/{eventId}", tag: "Events", summary: "Delete a draft", description: "Removes a draft with its schedule, FAQs, questions and number or product mappings. 409 `event_not_draft` for a published or cancelled event (cancel it instead); 409 `event_has_registrations` for a draft with imported registrations.", access: "events.manage", params, status: 204 },
  async ({ principal, params: { eventId } }) => deleteDraftEvent(principal, eventId),
);
