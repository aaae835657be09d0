import { z } from "zod";
import { attendeeFields, EventEmail } from "./event-email";

export const registrationPromotedProps = z.object({ ...attendeeFields, ticketUrl: z.url(), calendarUrl: z.url(), cancelUrl: z.url() });
export type RegistrationPromotedProps = z.infer<typeof registrationPromotedProps>;
export const registrationPromotedSubject = (p: RegistrationPromotedProps) => `A seat opened up, you're in: ${p.event.title}`;

/** Sent when someone moves from the waitlist to a confirmed seat. */
export function RegistrationPromotedEmail({ attendeeName, organizer, event, ticketUrl, calendarUrl, cancelUrl }: RegistrationPromotedProps) {
  return (
    <EventEmail
      heading={`Good news: you're in for ${event.title}`}
      paragraphs={[`Hi ${attendeeName}, a seat opened up and it is yours: you moved from the waitlist to confirmed. Show your ticket at the door.`]}
      event={event}
      action={{ label: "View your ticket", url: ticketUrl }}
      links={[
        { label: "Add to your calendar (.ics)", url: calendarUrl },
        { label: "Can't come? Cancel to give the seat to the next person", url: cancelUrl },
      ]}
      footer={`Sent by Eventline for ${organizer}.`}
    />
  );
}
