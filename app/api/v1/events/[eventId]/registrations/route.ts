import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, list, one, registrationSchema } from "@/lib/api/schemas";
import { listRegistrations, listRegistrationsQuery, registerAs, registerInput, registrationDto } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt") });

export const GET = endpoint(
  { method: "GET", path: "/api/v1/events/{eventId}/registrations", tag: "Registrations", summary: "List registrations", description: "Oldest first; filter by `status`, search names and emails with `q`.", access: "attendees.read", params, query: listRegistrationsQuery, response: list(registrationSchema) },
  async ({ principal, params: { eventId }, query }) => listRegistrations(principal, eventId, query),
);

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/events/{eventId}/registrations",
    tag: "Registrations",
    summary: "Register someone",
    description: "Confirmed while seats are left, else waitlisted. The same email again answers the existing registration (200, not 201). 409 `event_not_published`, `event_cancelled`, `registration_not_open` or `registration_closed`.",
    access: "attendees.manage",
    params,
    body: registerInput,
    response: one(registrationSchema),
    status: 201,
  },
  async ({ principal, params: { eventId }, body }) => {
    const { registration, outcome } = await registerAs(principal, eventId, body);
    const data = { data: registrationDto(registration) };
    return outcome === "existing" ? Response.json(data, { status: 200 }) : data;
  },
);
