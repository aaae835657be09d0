import { z } from "zod";
import { attendeeFields, EventEmail } from "./event-email";

export const registrationWaitlistedProps = z.object({ ...attendeeFields, position: z.number().int().min(1), ticketUrl: z.url(), cancelUrl: z.url() });
export type RegistrationWaitlistedProps = z.infer<typeof registrationWaitlistedProps>;
export const registrationWaitlistedSubject = (p: RegistrationWaitlistedProps) => `You're on the waitlist: ${p.event.title}`;

/** Sent when the event is full: the place in the queue, and what happens when a seat frees up. */
export function RegistrationWaitlistedEmail({ attendeeName, organizer, event, position, ticketUrl, cancelUrl }: RegistrationWaitlistedProps) {
  return (
    <EventEmail
      heading={`You're on the waitlist for ${event.title}`}
      paragraphs={[
        `Hi ${attendeeName}, the event is full right now. You are number ${position} on the waitlist.`,
        "If a seat frees up, it is yours automatically and we will email you your ticket.",
      ]}
      event={event}
      action={{ label: "View your registration", url: ticketUrl }}
      links={[{ label: "Leave the waitlist", url: cancelUrl }]}
      footer={`Sent by Eventline for ${organizer}.`}
    />
  );
}
