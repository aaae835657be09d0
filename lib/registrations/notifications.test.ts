/**
 * Attendee emails through the real registration and event services, the real email channel and the test database.
 * Nothing listens on LOCAL_EXECUTOR_PORT in unit tests, so the default hand-offs fail: that must not fail a
 * registration, and the email rows stay queued for the outbox sweeper. Where a test looks at the job events, it
 * records them with the `senders` parameter instead.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readAttachments } from "@/lib/email/attachments";
import { env } from "@/lib/env";
import { cancelEvent, createEvent, publishEvent } from "@/lib/events/service";
import { type sendEvent } from "@/inngest/send";
import { newOrganization } from "@/tests/api";
import { eventCancelled, registrationChanged, reminderEventId } from "./notifications";
import { cancelByTicket, registerForEvent } from "./service";

const app = env.APP_URL.replace(/\/+$/, "");
// 08:00 UTC is 10:00 in Berlin in June (CEST, UTC+2).
const startsAt = "2036-06-01T08:00:00Z";
const endsAt = "2036-06-01T10:30:00Z";

async function publishedEvent(capacity: number, name: string) {
  const { caller, org } = await newOrganization(name);
  const event = await createEvent(caller, { title: `${name} summit`, timezone: "Europe/Berlin", venue: "Hall 4, Messe Berlin", startsAt, endsAt, capacity });
  await publishEvent(caller, event.id);
  return { caller, org, event };
}
const emailsTo = (to: string) => db.emailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

type Sent = { name: string; data: unknown; id: string | undefined };
function recorder() {
  const events: Sent[] = [];
  const handOffs: string[] = [];
  const event: typeof sendEvent = (type, data, options = {}) => {
    events.push({ name: type.name, data, id: options.id });
    return Promise.resolve(options.id ?? "");
  };
  return { events, handOffs, senders: { event, email: (id: string) => Promise.resolve(void handOffs.push(id)) } };
}

describe("attendee emails", () => {
  it("confirms a registration with the ticket, calendar and cancel links, the time in the event's zone, for the organization's mailbox", async () => {
    const { org, event } = await publishedEvent(10, "confirm");
    // The job backend is down (port 9): the registration still succeeds.
    const { registration, outcome } = await registerForEvent(event.id, { name: "Ada Lovelace", email: "ada@example.test" }, "web");
    expect(outcome).toBe("confirmed");
    const emails = await emailsTo("ada@example.test");
    expect(emails).toHaveLength(1);
    const email = emails[0]!;
    expect(email).toMatchObject({ template: "registrationConfirmed", organizationId: org.id, subject: "You're registered: confirm summit", status: "queued", attempts: 0 });
    const ticket = `${app}/t/${registration.ticketToken}`;
    for (const body of [email.text, email.html]) {
      expect(body).toContain(ticket);
      expect(body).toContain(`${ticket}/event.ics`);
      expect(body).toContain(`${ticket}/cancel`);
    }
    expect(email.text).toContain("Sunday, 1 June 2036, 10:00–12:30 CEST (Europe/Berlin)");
    expect(email.text).toContain("Hall 4, Messe Berlin");
    expect(email.text).toContain("Ada Lovelace");
    expect(email.idempotencyKey).toBe(`registration-${registration.id}-confirmed-${registration.ticketToken.slice(0, 8)}`);
    // The calendar invite is attached: the event's start and end in UTC, the ticket link, the event's UID.
    const [invite, ...more] = readAttachments(email.attachments);
    expect(more).toEqual([]);
    expect(invite).toMatchObject({ filename: "event.ics", contentType: "text/calendar; charset=utf-8" });
    const ics = Buffer.from(invite!.content, "base64").toString("utf8");
    expect(invite!.size).toBe(Buffer.byteLength(ics));
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("DTSTART:20360601T080000Z\r\n");
    expect(ics).toContain("DTEND:20360601T103000Z\r\n");
    expect(ics).toContain(`UID:${event.id}@eventline`);
    expect(ics.replace(/\r\n /g, "")).toContain(ticket);
  });

  it("tells the waitlisted their place, the promoted their ticket and the cancelled that it is done", async () => {
    const { org, event } = await publishedEvent(1, "waitlist");
    const first = await registerForEvent(event.id, { name: "First", email: "first@example.test" }, "web");
    const second = await registerForEvent(event.id, { name: "Second", email: "second@example.test" }, "web");
    const third = await registerForEvent(event.id, { name: "Third", email: "third@example.test" }, "web");
    expect([first.outcome, second.outcome, third.outcome]).toEqual(["confirmed", "waitlisted", "waitlisted"]);
    const [secondWaitlisted] = await emailsTo("second@example.test");
    expect(secondWaitlisted).toMatchObject({ template: "registrationWaitlisted", organizationId: org.id });
    expect(secondWaitlisted!.text).toContain("number 1 on the waitlist");
    expect((await emailsTo("third@example.test"))[0]!.text).toContain("number 2 on the waitlist");

    await cancelByTicket(first.registration.ticketToken);
    const firstEmails = await emailsTo("first@example.test");
    expect(firstEmails.map((e) => e.template)).toEqual(["registrationConfirmed", "registrationCancelled"]);
    expect(firstEmails[1]).toMatchObject({ organizationId: org.id, subject: "Registration cancelled: waitlist summit" });
    expect(firstEmails[1]!.text).toContain(`${app}/e/${event.slug}`);

    const secondEmails = await emailsTo("second@example.test");
    expect(secondEmails.map((e) => e.template)).toEqual(["registrationWaitlisted", "registrationPromoted"]);
    expect(secondEmails[1]!.text).toContain(`${app}/t/${second.registration.ticketToken}`);
    expect(secondEmails[1]!.text).toContain(`${app}/t/${second.registration.ticketToken}/event.ics`);
    expect(secondEmails[1]!.text).toContain("10:00–12:30 CEST");
    expect(readAttachments(secondEmails[1]!.attachments).map((a) => a.filename)).toEqual(["event.ics"]); // the promotion carries the invite
    expect(readAttachments(secondWaitlisted!.attachments)).toEqual([]); // no seat yet: no invite
    // Still waiting: no new email for the third.
    expect(await emailsTo("third@example.test")).toHaveLength(1);
  }, 40_000);

  it("sends nothing twice when a change is reported twice, and schedules reminders once per confirmation", async () => {
    const { event } = await publishedEvent(5, "twice");
    const { registration } = await registerForEvent(event.id, { name: "Bea", email: "bea@example.test" }, "web");
    const { events, handOffs, senders } = recorder();
    await registrationChanged({ kind: "confirmed", registration }, senders);
    await registrationChanged({ kind: "confirmed", registration }, senders);
    expect(await emailsTo("bea@example.test")).toHaveLength(1);
    expect(handOffs).toEqual([]); // the email existed already: nothing handed off again
    const id = `registration-confirmed-${registration.id}-${registration.ticketToken.slice(0, 8)}`;
    expect(reminderEventId(registration)).toBe(id);
    // The same event id both times: the job backend keeps the first and ignores the repeat.
    expect(events).toEqual([
      { name: "registration/confirmed", data: { registrationId: registration.id }, id },
      { name: "registration/confirmed", data: { registrationId: registration.id }, id },
    ]);
  });

  it("sends a new confirmation (and reminder event) to someone who registers again after cancelling", async () => {
    const { event } = await publishedEvent(5, "again");
    const first = await registerForEvent(event.id, { name: "Cy", email: "cy@example.test" }, "web");
    await cancelByTicket(first.registration.ticketToken);
    const again = await registerForEvent(event.id, { name: "Cy", email: "cy@example.test" }, "web");
    expect(again.registration.id).toBe(first.registration.id);
    const emails = await emailsTo("cy@example.test");
    expect(emails.map((e) => e.template)).toEqual(["registrationConfirmed", "registrationCancelled", "registrationConfirmed"]);
    expect(emails[2]!.text).toContain(`${app}/t/${again.registration.ticketToken}`);
    expect(reminderEventId(again.registration)).not.toBe(reminderEventId(first.registration));
  }, 30_000);

  it("sends no reminder event for waitlisted or cancelled registrations, and a promoted one gets one", async () => {
    const { event } = await publishedEvent(1, "events");
    await registerForEvent(event.id, { name: "Dee", email: "dee@example.test" }, "web");
    const { registration } = await registerForEvent(event.id, { name: "Eve", email: "eve@example.test" }, "web");
    const { events, handOffs, senders } = recorder();
    await registrationChanged({ kind: "waitlisted", registration }, senders);
    await registrationChanged({ kind: "cancelled", registration }, senders);
    expect(events).toEqual([]);
    expect(handOffs).toHaveLength(1); // the cancellation email is new; the waitlisted one existed
    const promoted = await db.registration.update({ where: { id: registration.id }, data: { status: "confirmed", waitlistPosition: null } });
    await registrationChanged({ kind: "promoted", registration: promoted }, senders);
    expect(events).toEqual([{ name: "registration/confirmed", data: { registrationId: registration.id }, id: reminderEventId(promoted) }]);
    expect((await emailsTo("eve@example.test")).map((e) => e.template)).toEqual(["registrationWaitlisted", "registrationCancelled", "registrationPromoted"]);
  }, 30_000);

  it("starts the event-cancelled notice with one event per event, and a down job backend does not fail the cancellation", async () => {
    const { caller, event } = await publishedEvent(5, "called-off");
    const { events, senders } = recorder();
    await eventCancelled(event.id, senders);
    expect(events).toEqual([{ name: "event/cancelled", data: { eventId: event.id }, id: `event-cancelled-${event.id}` }]);
    expect((await cancelEvent(caller, event.id)).status).toBe("cancelled");
  });
});
