import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, list, one, sessionSchema } from "@/lib/api/schemas";
import { addSession, createSessionInput, listSessions } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt") });

export const GET = endpoint(
  { method: "GET", path: "/api/v1/events/{eventId}/sessions", tag: "Events", summary: "The event's schedule", access: "events.read", params, response: list(sessionSchema) },
  async ({ principal, params: { eventId } }) => ({ data: await listSessions(principal, eventId), nextCursor: null }),
);

export const POST = endpoint(
  { method: "POST", path: "/api/v1/events/{eventId}/sessions", tag: "Events", summary: "Add a session to the schedule", description: "422 naming `startsAt` or `endsAt` when the session is not within the event's start and end.", access: "events.manage", params, body: createSessionInput, response: one(sessionSchema), status: 201 },
  async ({ principal, params: { eventId }, body }) => ({ data: await addSession(principal, eventId, body) }),
);
