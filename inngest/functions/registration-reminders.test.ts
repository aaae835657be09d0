/**
 * The reminders job on the local executor through the real serve handler, with the send-email job behind it
 * (captured transport) and the real registration and event services. The offsets are shortened to seconds
 * (24h → 6 s before the start, 1h → 2 s before), so the sleeps are real sleeps of a few seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { formatEventTime } from "@/lib/email/templates/event-email";
import { cancelEvent, createEvent, publishEvent, updateEvent } from "@/lib/events/service";
import { registrationChanged, reminderEmailKey, reminderEventId, type Reminder } from "@/lib/registrations/notifications";
import { cancelByTicket, registerForEvent } from "@/lib/registrations/service";
import { type sendEvent } from "@/inngest/send";
import { newOrganization } from "@/tests/api";
import { processNotification } from "@/lib/outbox/notifications";
import { startHarness, until } from "@/tests/executor-harness";
import { createRegistrationReminders } from "./registration-reminders";
import { createSendEmail } from "./send-email";

const SECOND = 1_000;
const reminders: Reminder[] = [
  { kind: "24h", beforeMs: 6 * SECOND, graceMs: 3 * SECOND },
  { kind: "1h", beforeMs: 2 * SECOND, graceMs: 1.9 * SECOND },
];

let h: Awaited<ReturnType<typeof startHarness>>;
/** Job events go to this test's executor instead of the app's (absent) one. */
const viaHarness: typeof sendEvent = async (type, data, options = {}) => {
  const { ids } = await h.inngest.send({ name: type.name, data: data as Record<string, unknown>, ...(options.id ? { id: options.id } : {}) });
  return ids[0] ?? "";
};

beforeAll(async () => {
  h = await startHarness("reminders", (inngest) => [createRegistrationReminders(inngest, reminders), createSendEmail(inngest, () => ({ kind: "captured" }))]);
});
afterAll(() => h.stop());

async function setUp(name: string, startsInMs: number) {
  const { caller } = await newOrganization(name);
  const startsAt = new Date(Date.now() + startsInMs);
  const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
  const event = await createEvent(caller, { title: `${name} meetup`, timezone: "America/New_York", venue: "Pier 57", startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: 10 });
  await publishEvent(caller, event.id);
  const { registration } = await registerForEvent(event.id, { name: `${name} attendee`, email: `${name}@example.test` }, "web");
  // The service's own hand-off found no job backend; report the confirmation again to this test's executor.
  await registrationChanged({ kind: "confirmed", registration }, { event: viaHarness });
  return { caller, event, registration, startsAt, endsAt, eventId: reminderEventId(registration) };
}

/** The event service recorded the move in the outbox (its own send found no backend); deliver it to this executor. */
async function forwardReschedules(eventId: string) {
  const rows = await db.notificationOutbox.findMany({ where: { eventId, kind: "event_rescheduled", status: "pending" } });
  expect(rows).toHaveLength(1);
  for (const row of rows) expect(await processNotification(row.id, { event: viaHarness }, new Date(Date.now() + 10 * 60_000))).toBe("done");
}

const reminderEmails = (to: string) => db.emailMessage.findMany({ where: { to, template: "registrationReminder" }, orderBy: { createdAt: "asc" } });
const stepLog = async (eventId: string) =>
  (
    await h.pool.query<{ name: string; op: string }>(
      `SELECT l.name, l.op FROM inngest_local.step_log l JOIN inngest_local.runs r ON r.id = l.run_id
       WHERE r.function_id = 'reminders-registration-reminders' AND r.event_id = $1 ORDER BY l.id`,
      [eventId],
    )
  ).rows;

describe("registration reminders on the local executor", () => {
  it("sleeps until 24 h and 1 h before the start, then sends each reminder once", async () => {
    const { registration, startsAt, eventId } = await setUp("punctual", 10 * SECOND);
    const run = await h.waitForRun("registration-reminders", eventId, ["completed", "failed"], 20_000);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ "24h": "queued", "1h": "queued" });

    const emails = await reminderEmails("punctual@example.test");
    expect(emails.map((e) => e.idempotencyKey)).toEqual([reminderEmailKey(registration.id, "24h", startsAt), reminderEmailKey(registration.id, "1h", startsAt)]);
    // Neither before its time, and in order. (How late a sleeper wakes on a loaded machine is not asserted: the
    // executor's promise is "not before", and the 24 h one coming first.)
    expect(emails[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(startsAt.getTime() - 6 * SECOND);
    expect(emails[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(startsAt.getTime() - 2 * SECOND);
    expect(emails[0]!.createdAt.getTime()).toBeLessThanOrEqual(emails[1]!.createdAt.getTime());
    expect(emails[0]!.subject).toBe("Reminder: punctual meetup starts in 24 hours");
    expect(emails[1]!.subject).toBe("Reminder: punctual meetup starts in 1 hour");
    expect(emails[0]!.text).toContain(`/t/${registration.ticketToken}`);
    expect(emails[0]!.text).toContain("Pier 57");
    expect(emails[0]!.organizationId).toBe(registration.organizationId);

    const ops = (await stepLog(eventId)).map((s) => `${s.name}:${s.op}`);
    expect(ops).toEqual(expect.arrayContaining(["wait-24h-0:WaitForEvent", "wait-1h-0:WaitForEvent"]));
    // The hand-off reached the send-email job: delivered (captured), each exactly once.
    await until(async () => (await reminderEmails("punctual@example.test")).every((e) => e.status === "captured"), 10_000);
    expect((await reminderEmails("punctual@example.test")).map((e) => [e.status, e.attempts])).toEqual([["captured", 1], ["captured", 1]]);
  }, 40_000);

  it("sends nothing to a registration cancelled during the sleep", async () => {
    const { registration, eventId } = await setUp("changed-mind", 10 * SECOND);
    await until(async () => (await stepLog(eventId)).some((s) => s.name === "wait-24h-0"), 10_000);
    expect((await stepLog(eventId)).map((s) => s.name)).toContain("wait-24h-0");
    await cancelByTicket(registration.ticketToken);
    const run = await h.waitForRun("registration-reminders", eventId, ["completed", "failed"], 20_000);
    expect(run.output).toEqual({ "24h": "stopped", reason: "not-confirmed" });
    expect(await reminderEmails("changed-mind@example.test")).toEqual([]);
  }, 40_000);

  it("sends nothing once the event is cancelled", async () => {
    const { caller, event, eventId } = await setUp("called-off", 10 * SECOND);
    await until(async () => (await stepLog(eventId)).some((s) => s.name === "wait-24h-0"), 10_000);
    await cancelEvent(caller, event.id);
    const run = await h.waitForRun("registration-reminders", eventId, ["completed", "failed"], 20_000);
    expect(run.output).toEqual({ "24h": "stopped", reason: "event-cancelled" });
    expect(await reminderEmails("called-off@example.test")).toEqual([]);
  }, 40_000);

  it("after a reschedule, sleeps again and reminds at the new time with the new details", async () => {
    const { caller, event, registration, startsAt, endsAt, eventId } = await setUp("moved", 10 * SECOND);
    await until(async () => (await stepLog(eventId)).some((s) => s.name === "wait-24h-0"), 10_000);
    // While the run sleeps towards the old time: 4 s later, and it now runs 90 minutes longer.
    const newStart = new Date(startsAt.getTime() + 4 * SECOND);
    const newEnd = new Date(endsAt.getTime() + 90 * 60_000);
    await updateEvent(caller, event.id, { startsAt: newStart.toISOString(), endsAt: newEnd.toISOString() });
    await forwardReschedules(event.id);

    const run = await h.waitForRun("registration-reminders", eventId, ["completed", "failed"], 25_000);
    expect(run.output).toEqual({ "24h": "queued", "1h": "queued" });
    const names = (await stepLog(eventId)).map((s) => `${s.name}:${s.op}`);
    expect(names).toEqual(expect.arrayContaining(["wait-24h-0:WaitForEvent", "wait-24h-1:WaitForEvent"])); // woken by the move, waits again

    const emails = await reminderEmails("moved@example.test");
    expect(emails.map((e) => e.idempotencyKey)).toEqual([reminderEmailKey(registration.id, "24h", newStart), reminderEmailKey(registration.id, "1h", newStart)]);
    expect(emails[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(newStart.getTime() - 6 * SECOND);
    const newTime = formatEventTime(newStart, newEnd, "America/New_York");
    expect(newTime).not.toBe(formatEventTime(startsAt, endsAt, "America/New_York"));
    for (const email of emails) expect(email.text).toContain(newTime);
  }, 45_000);

  it("after a move to an earlier time, wakes at once and reminds at the new time", async () => {
    const { caller, event, registration, eventId } = await setUp("earlier", 60 * SECOND);
    await until(async () => (await stepLog(eventId)).some((s) => s.name === "wait-24h-0"), 10_000);
    // The run waits towards 54 s from now; the event now starts in 9 s.
    const newStart = new Date(Date.now() + 9 * SECOND);
    await updateEvent(caller, event.id, { startsAt: newStart.toISOString(), endsAt: new Date(newStart.getTime() + 3_600_000).toISOString() });
    await forwardReschedules(event.id);

    const run = await h.waitForRun("registration-reminders", eventId, ["completed", "failed"], 25_000);
    expect(run.output).toEqual({ "24h": "queued", "1h": "queued" });
    const emails = await reminderEmails("earlier@example.test");
    expect(emails.map((e) => e.idempotencyKey)).toEqual([reminderEmailKey(registration.id, "24h", newStart), reminderEmailKey(registration.id, "1h", newStart)]);
    expect(emails[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(newStart.getTime() - 6 * SECOND);
    expect(emails[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(newStart.getTime() - 2 * SECOND);
    // Woken by the move, not by the old time (54 s away): the 1 h reminder goes out well before the old start.
    expect(emails[1]!.createdAt.getTime()).toBeLessThan(newStart.getTime() + 30 * SECOND);
  }, 45_000);
});
