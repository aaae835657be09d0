import { z } from "zod";
import { attendeeFields, EventEmail } from "./event-email";

export const registrationConfirmedProps = z.object({ ...attendeeFields, ticketUrl: z.url(), calendarUrl: z.url(), cancelUrl: z.url() });
export type RegistrationConfirmedProps = z.infer<typeof registrationConfirmedProps>;
export const registrationConfirmedSubject = (p: RegistrationConfirmedProps) => `You're registered: ${p.event.title}`;

/** Sent when a seat is given: the ticket, the calendar invite (.ics link) and the way out. */
export function RegistrationConfirmedEmail({ attendeeName, organizer, event, ticketUrl, calendarUrl, cancelUrl }: RegistrationConfirmedProps) {
  return (
    <EventEmail
      heading={`You're registered for ${event.title}`}
      paragraphs={[`Hi ${attendeeName}, your seat is confirmed. Show your ticket at the door.`]}
      event={event}
      action={{ label: "View your ticket", url: ticketUrl }}
      links={[
        { label: "Add to your calendar (.ics)", url: calendarUrl },
        { label: "Can't come? Cancel your registration", url: cancelUrl },
      ]}
      footer={`Sent by Eventline for ${organizer}.`}
    />
  );
}
