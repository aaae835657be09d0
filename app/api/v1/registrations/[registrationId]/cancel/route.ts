import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, registrationSchema } from "@/lib/api/schemas";
import { cancelRegistration, registrationDto } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/registrations/{registrationId}/cancel",
    tag: "Registrations",
    summary: "Cancel a registration",
    description: "A freed seat goes to the first person on the waitlist (`promoted`). Cancelling again changes nothing.",
    access: "attendees.manage",
    params: z.object({ registrationId: idOf("reg") }),
    response: one(registrationSchema.extend({ promoted: registrationSchema.nullable() })),
  },
  async ({ principal, params: { registrationId } }) => {
    const { registration, promoted } = await cancelRegistration(principal, registrationId);
    return { data: { ...registrationDto(registration), promoted: promoted ? registrationDto(promoted) : null } };
  },
);
