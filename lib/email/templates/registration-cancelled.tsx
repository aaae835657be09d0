import { z } from "zod";
import { attendeeFields, EventEmail } from "./event-email";

export const registrationCancelledProps = z.object({ ...attendeeFields, eventUrl: z.url() });
export type RegistrationCancelledProps = z.infer<typeof registrationCancelledProps>;
export const registrationCancelledSubject = (p: RegistrationCancelledProps) => `Registration cancelled: ${p.event.title}`;

/** Confirms that a registration (or a place on the waitlist) was cancelled. */
export function RegistrationCancelledEmail({ attendeeName, organizer, event, eventUrl }: RegistrationCancelledProps) {
  return (
    <EventEmail
      heading={`Your registration for ${event.title} is cancelled`}
      paragraphs={[`Hi ${attendeeName}, your registration has been cancelled and your ticket no longer works. Changed your mind? You can register again while places are available.`]}
      event={event}
      action={{ label: "See the event", url: eventUrl }}
      footer={`Sent by Eventline for ${organizer}.`}
    />
  );
}
