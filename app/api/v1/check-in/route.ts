import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, registrationSchema } from "@/lib/api/schemas";
import { checkIn, registrationDto } from "@/lib/registrations/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/check-in",
    tag: "Registrations",
    summary: "Check someone in by their ticket (the QR code's content)",
    description:
      "Idempotent: a second scan answers `alreadyCheckedInAt`. 404 for a ticket of another organization; 409 `not_confirmed` for waitlisted or cancelled registrations. With `eventId` (the event at the door), a ticket of another event answers 409 `other_event` (with that event's `eventId` and `eventTitle`) and checks nobody in. 409 answers carry `registrationStatus` and `name`.",
    access: "checkin",
    body: z.object({ ticketToken: z.string().regex(/^[A-Za-z0-9]{20,64}$/, "Not a ticket code."), eventId: idOf("evt").optional() }),
    response: one(registrationSchema.extend({ alreadyCheckedInAt: z.iso.datetime().nullable() })),
  },
  async ({ principal, body }) => {
    const { registration, alreadyCheckedInAt } = await checkIn(principal, { ticketToken: body.ticketToken }, { eventId: body.eventId });
    return { data: { ...registrationDto(registration), alreadyCheckedInAt } };
  },
);
