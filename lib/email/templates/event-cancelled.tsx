import { z } from "zod";
import { attendeeFields, EventEmail } from "./event-email";

export const eventCancelledProps = z.object(attendeeFields);
export type EventCancelledProps = z.infer<typeof eventCancelledProps>;
export const eventCancelledSubject = (p: EventCancelledProps) => `Cancelled: ${p.event.title}`;

/** Sent to every confirmed and waitlisted attendee when the organizer cancels the event. */
export function EventCancelledEmail({ attendeeName, organizer, event }: EventCancelledProps) {
  return (
    <EventEmail
      heading={`${event.title} has been cancelled`}
      paragraphs={[`Hi ${attendeeName}, we're sorry: ${organizer} has cancelled this event. Your registration no longer applies and there is nothing you need to do.`]}
      event={event}
      footer={`Sent by Eventline for ${organizer}.`}
    />
  );
}
