import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, sessionSchema } from "@/lib/api/schemas";
import { deleteSession, updateSession, updateSessionInput } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt"), sessionId: idOf("ses") });

export const PATCH = endpoint(
  { method: "PATCH", path: "/api/v1/events/{eventId}/sessions/{sessionId}", tag: "Events", summary: "Change a session", description: "422 naming `startsAt` or `endsAt` when the session would end before it starts or fall outside the event's times.", access: "events.manage", params, body: updateSessionInput, response: one(sessionSchema) },
  async ({ principal, params: { eventId, sessionId }, body }) => ({ data: await updateSession(principal, eventId, sessionId, body) }),
);

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/events/{eventId}/sessions/{sessionId}", tag: "Events", summary: "Remove a session from the schedule", access: "events.manage", params, status: 204 },
  async ({ principal, params: { eventId, sessionId } }) => deleteSession(principal, eventId, sessionId),
);
