import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, registrationSchema } from "@/lib/api/schemas";
import { checkIn, registrationDto } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/registrations/{registrationId}/check-in",
    tag: "Registrations",
    summary: "Check someone in",
    description: "Idempotent: a second check-in answers `alreadyCheckedInAt`. 409 `not_confirmed` for waitlisted or cancelled registrations.",
    access: "checkin",
    params: z.object({ registrationId: idOf("reg") }),
    response: one(registrationSchema.extend({ alreadyCheckedInAt: z.iso.datetime().nullable() })),
  },
  async ({ principal, params: { registrationId } }) => {
    const { registration, alreadyCheckedInAt } = await checkIn(principal, { registrationId });
    return { data: { ...registrationDto(registration), alreadyCheckedInAt } };
  },
);
