import "server-only";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/service";
import { type ReminderKind } from "@/lib/email/templates/registration-reminder";
import { env } from "@/lib/env";
import { type Event, type Registration } from "@/lib/generated/prisma/client";
import { eventCancellation, eventRescheduled as eventRescheduledEvent, registrationConfirmed } from "@/inngest/events";
import { sendEvent } from "@/inngest/send";
import { ticketInvite } from "./ics";

/**
 * What attendees are told, and when. Every email goes through the email channel (`queueEmail`: a durable row, then
 * the `send-email` job) with an idempotency key derived from the registration, so a repeated call never sends twice.
 *
 * - `registrationChanged`: confirmation, waitlisted, promoted, cancelled; a confirmed or promoted registration also
 *   schedules its reminders (`registration/confirmed` → inngest/functions/registration-reminders.ts).
 * - `eventCancelled`: `event/cancelled` → inngest/functions/event-cancelled-notice.ts.
 * - `eventRescheduled`: `event/rescheduled` wakes the reminder runs of a moved event.
 * The services do not call these directly: they record a row in the notification outbox inside their transaction,
 * and lib/outbox/notifications.ts calls these after the commit (and again from the sweeper until they succeed).
 * - `remindOrWait` and `notifyEventCancelledPage`: the steps of those two jobs.
 */

export type ChangeKind = "confirmed" | "waitlisted" | "promoted" | "cancelled";

/** How the job system is reached; tests route these to their own executor. */
export type Senders = {
  /** Hands a queued email to the `send-email` job (default: queueEmail's own hand-off). */
  email?: (emailId: string) => Promise<unknown>;
  /** Sends a job event (default: `sendEvent` through the app's Inngest client). */
  event?: typeof sendEvent;
};

const appUrl = () => env.APP_URL.replace(/\/+$/, "");

/** The attendee's links: the ticket page (the token is the credential), its cancel page and the calendar file. */
export function ticketLinks(ticketToken: string) {
  const ticketUrl = `${appUrl()}/t/${ticketToken}`;
  return { ticketUrl, cancelUrl: `${ticketUrl}/cancel`, calendarUrl: `${ticketUrl}/event.ics` };
}

type EventWithOrganizer = Event & { organization: { name: string } };
const loadEvent = (eventId: string): Promise<EventWithOrganizer> =>
  db.event.findUniqueOrThrow({ where: { id: eventId }, include: { organization: { select: { name: true } } } });

function attendee(registration: Registration, event: EventWithOrganizer) {
  return {
    attendeeName: registration.name,
    organizer: event.organization.name,
    event: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, timezone: event.timezone, venue: event.venue, onlineUrl: event.onlineUrl },
  };
}

/** The first 8 characters of the ticket token: a new registration after a cancellation gets new emails. */
const ticketTag = (registration: Registration) => registration.ticketToken.slice(0, 8);
export const changeEmailKey = (kind: ChangeKind, registration: Registration) => `registration-${registration.id}-${kind}-${ticketTag(registration)}`;
export const reminderEmailKey = (registrationId: string, kind: ReminderKind, startsAt: Date) => `registration-${registrationId}-reminder-${kind}-${startsAt.toISOString()}`;
export const eventCancelledEmailKey = (registrationId: string) => `registration-${registrationId}-event-cancelled`;
export const reminderEventId = (registration: Registration) => `registration-confirmed-${registration.id}-${ticketTag(registration)}`;

/** Where someone stands on the waitlist now (earlier people may have been promoted since they joined). */
async function waitlistRank(registration: Registration): Promise<number> {
  if (registration.waitlistPosition === null) return 1;
  return db.registration.count({ where: { eventId: registration.eventId, status: "waitlisted", waitlistPosition: { lte: registration.waitlistPosition } } });
}

async function queueChangeEmail(kind: ChangeKind, registration: Registration, send: Senders["email"]) {
  const event = await loadEvent(registration.eventId);
  const base = { organizationId: registration.organizationId, to: registration.email, idempotencyKey: changeEmailKey(kind, registration) };
  const links = ticketLinks(registration.ticketToken);
  const props = attendee(registration, event);
  // The calendar invite travels with the ticket: attached to the confirmation and the promotion.
  const invite = () => [{ filename: "event.ics", contentType: "text/calendar; charset=utf-8", content: ticketInvite({ event, organizerName: event.organization.name, ticketUrl: links.ticketUrl }) }];
  switch (kind) {
    case "confirmed":
      return queueEmail({ ...base, template: "registrationConfirmed", props: { ...props, ...links }, attachments: invite() }, send);
    case "promoted":
      return queueEmail({ ...base, template: "registrationPromoted", props: { ...props, ...links }, attachments: invite() }, send);
    case "waitlisted":
      return queueEmail({ ...base, template: "registrationWaitlisted", props: { ...props, position: await waitlistRank(registration), ticketUrl: links.ticketUrl, cancelUrl: links.cancelUrl } }, send);
    case "cancelled":
      return queueEmail({ ...base, template: "registrationCancelled", props: { ...props, eventUrl: `${appUrl()}/e/${event.slug}` } }, send);
  }
}

/**
 * Tells the attendee what happened to their registration, and schedules the reminders of a confirmed one. Throws
 * when a part failed (the email could not be queued, or the job backend did not take the reminders event), so the
 * notification outbox (lib/outbox/notifications.ts) keeps the row pending and tries again; every part is keyed, so
 * a repeat sends nothing twice.
 */
export async function registrationChanged(change: { kind: ChangeKind; registration: Registration }, senders: Senders = {}): Promise<void> {
  const { kind, registration } = change;
  const send = senders.event ?? sendEvent;
  const results = await Promise.allSettled([
    queueChangeEmail(kind, registration, senders.email),
    kind === "confirmed" || kind === "promoted" ? send(registrationConfirmed, { registrationId: registration.id }, { id: reminderEventId(registration) }) : Promise.resolve(),
  ]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length > 0) throw new AggregateError(failed.map((r) => r.reason as unknown), `notifying ${kind} of ${registration.id} failed`);
}

/** Starts the "event cancelled" notice to every confirmed and waitlisted attendee (once per event). Throws when the job backend did not take it. */
export async function eventCancelled(eventId: string, senders: Senders = {}): Promise<void> {
  const send = senders.event ?? sendEvent;
  await send(eventCancellation, { eventId }, { id: `event-cancelled-${eventId}` });
}

/**
 * Tells sleeping reminder runs that the event's start moved (they wait for this event instead of sleeping, so an
 * event moved earlier is reminded at its new time). `changeId` (the outbox row) makes the event id unique per move
 * and the same on a repeat of one move.
 */
export async function eventRescheduled(eventId: string, changeId: string, senders: Senders = {}): Promise<void> {
  const send = senders.event ?? sendEvent;
  await send(eventRescheduledEvent, { eventId }, { id: `event-rescheduled-${changeId}` });
}

// ---- Reminders -------------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A reminder goes out `beforeMs` before the start. One that would go out more than `graceMs` late (registered
 * after its time, or the job woke late) is skipped rather than sent with wording that is no longer true.
 */
export type Reminder = { kind: ReminderKind; beforeMs: number; graceMs: number };
export const REMINDERS: readonly Reminder[] = [
  { kind: "24h", beforeMs: 24 * HOUR, graceMs: 6 * HOUR },
  { kind: "1h", beforeMs: HOUR, graceMs: 15 * MINUTE },
];

export type ReminderStep =
  /** Not due yet (first look, or the event moved later): sleep until `until`, then look again. */
  | { status: "wait"; until: string; startsAt: string; eventId: string }
  /** Queued (or queued before, by an earlier attempt); `handOff`: the email still waits for the send-email job. */
  | { status: "queued"; emailId: string; handOff: boolean; startsAt: string }
  | { status: "missed"; startsAt: string }
  /** Nothing more to send for this registration. */
  | { status: "stopped"; reason: "registration-gone" | "not-confirmed" | "event-cancelled" | "event-started" };

/**
 * One look at a registration for one reminder, from the database as it is now: nothing for a registration that is
 * no longer confirmed or an event that was cancelled; the reminder time from the event's current start (so a
 * rescheduled event is reminded at its new time); the email keyed by registration, kind and start.
 * The email is queued without a hand-off: the job hands it to `send-email` with `step.sendEvent`.
 */
export async function remindOrWait(registrationId: string, reminder: Reminder, now = new Date()): Promise<ReminderStep> {
  const registration = await db.registration.findUnique({ where: { id: registrationId } });
  if (!registration) return { status: "stopped", reason: "registration-gone" };
  if (registration.status !== "confirmed") return { status: "stopped", reason: "not-confirmed" };
  const event = await loadEvent(registration.eventId);
  if (event.status === "cancelled") return { status: "stopped", reason: "event-cancelled" };
  if (now >= event.startsAt) return { status: "stopped", reason: "event-started" };
  const startsAt = event.startsAt.toISOString();
  const due = event.startsAt.getTime() - reminder.beforeMs;
  if (now.getTime() < due) return { status: "wait", until: new Date(due).toISOString(), startsAt, eventId: event.id };
  if (now.getTime() >= due + reminder.graceMs) return { status: "missed", startsAt };
  const email = await queueEmail(
    {
      organizationId: registration.organizationId,
      to: registration.email,
      template: "registrationReminder",
      props: { ...attendee(registration, event), kind: reminder.kind, ...ticketLinks(registration.ticketToken) },
      idempotencyKey: reminderEmailKey(registration.id, reminder.kind, event.startsAt),
    },
    () => Promise.resolve(),
  );
  return { status: "queued", emailId: email.id, handOff: email.status === "queued" && email.attempts === 0, startsAt };
}

// ---- Event cancelled -------------------------------------------------------------------------------------------

/**
 * One page (by registration id) of the "event cancelled" notice: an email to each confirmed and waitlisted
 * registration after `cursor`. Keys are per registration, so a retried page or a repeated event sends nothing twice.
 * Emails are queued without a hand-off: the job hands them to `send-email` with `step.sendEvent`.
 */
export type EventCancelledPage = { emailIds: string[]; count: number; nextCursor: string | null };
export async function notifyEventCancelledPage(eventId: string, cursor: string | null, limit = 500): Promise<EventCancelledPage> {
  const event = await loadEvent(eventId);
  if (event.status !== "cancelled") return { emailIds: [], count: 0, nextCursor: null };
  const registrations = await db.registration.findMany({
    where: { eventId, status: { in: ["confirmed", "waitlisted"] }, ...(cursor ? { id: { gt: cursor } } : {}) },
    orderBy: { id: "asc" },
    take: limit,
  });
  const emailIds: string[] = [];
  for (let i = 0; i < registrations.length; i += 20) {
    const emails = await Promise.all(
      registrations.slice(i, i + 20).map((registration) =>
        queueEmail(
          { organizationId: registration.organizationId, to: registration.email, template: "eventCancelled", props: attendee(registration, event), idempotencyKey: eventCancelledEmailKey(registration.id) },
          () => Promise.resolve(),
        ),
      ),
    );
    for (const email of emails) if (email.status === "queued" && email.attempts === 0) emailIds.push(email.id);
  }
  return { emailIds, count: registrations.length, nextCursor: registrations.length === limit ? registrations[registrations.length - 1]!.id : null };
}
