import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one } from "@/lib/api/schemas";
import { registrationSummary } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/events/{eventId}/registrations/summary",
    tag: "Registrations",
    summary: "Count registrations",
    description: "Per status, checked in, capacity and seats left.",
    access: "attendees.read",
    params: z.object({ eventId: idOf("evt") }),
    response: one(z.object({ capacity: z.number().int(), seatsLeft: z.number().int(), confirmed: z.number().int(), waitlisted: z.number().int(), cancelled: z.number().int(), checkedIn: z.number().int(), total: z.number().int() })),
  },
  async ({ principal, params: { eventId } }) => ({ data: await registrationSummary(principal, eventId) }),
);
