import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, registrationSchema } from "@/lib/api/schemas";
import { promoteRegistration, registrationDto } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/registrations/{registrationId}/promote",
    tag: "Registrations",
    summary: "Give a waitlisted person a free seat",
    description: "Ahead of the waitlist's order. 409 `event_full` when no seat is free, `not_waitlisted` when they are not on the waitlist.",
    access: "attendees.manage",
    params: z.object({ registrationId: idOf("reg") }),
    response: one(registrationSchema),
  },
  async ({ principal, params: { registrationId } }) => ({ data: registrationDto((await promoteRegistration(principal, registrationId)).registration) }),
);
