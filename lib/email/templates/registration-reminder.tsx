import { z } from "zod";
import { attendeeFields, EventEmail } from "./event-email";

export const reminderKind = z.enum(["24h", "1h"]);
export type ReminderKind = z.infer<typeof reminderKind>;
export const registrationReminderProps = z.object({ ...attendeeFields, kind: reminderKind, ticketUrl: z.url(), calendarUrl: z.url(), cancelUrl: z.url() });
export type RegistrationReminderProps = z.infer<typeof registrationReminderProps>;
const startsIn = (kind: ReminderKind) => (kind === "24h" ? "in 24 hours" : "in 1 hour");
export const registrationReminderSubject = (p: RegistrationReminderProps) => `Reminder: ${p.event.title} starts ${startsIn(p.kind)}`;

/** Sent 24 hours and 1 hour before the start, with the time as it is when the reminder goes out. */
export function RegistrationReminderEmail({ attendeeName, organizer, event, kind, ticketUrl, calendarUrl, cancelUrl }: RegistrationReminderProps) {
  return (
    <EventEmail
      heading={`${event.title} starts ${startsIn(kind)}`}
      paragraphs={[`Hi ${attendeeName}, see you soon! Have your ticket ready at the door.`]}
      event={event}
      action={{ label: "View your ticket", url: ticketUrl }}
      links={[
        { label: "Add to your calendar (.ics)", url: calendarUrl },
        { label: "Can't make it? Cancel to free your seat", url: cancelUrl },
      ]}
      footer={`Sent by Eventline for ${organizer}.`}
    />
  );
}
