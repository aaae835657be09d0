/**
 * The notification outbox with the real registration and event services, the real email channel, the send-email
 * and reminders jobs on the local executor, and the test database. Nothing listens on LOCAL_EXECUTOR_PORT in unit
 * tests: the post-commit processing finds the job backend down, exactly the case the outbox exists for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelEvent, createEvent, publishEvent } from "@/lib/events/service";
import { reminderEventId } from "@/lib/registrations/notifications";
import { registerForEvent } from "@/lib/registrations/service";
import { createRegistrationReminders } from "@/inngest/functions/registration-reminders";
import { createSendEmail } from "@/inngest/functions/send-email";
import { type sendEvent } from "@/inngest/send";
import { newOrganization } from "@/tests/api";
import { startHarness, until } from "@/tests/executor-harness";
import { processNotification, sweepNotifications } from "./notifications";
import { sweepOutbox } from "./sweep";

const hour = 3_600_000;
const later = () => new Date(Date.now() + 10 * 60_000); // past the back-off of a first failure

let h: Awaited<ReturnType<typeof startHarness>>;
const viaHarness: typeof sendEvent = async (type, data, options = {}) => {
  const { ids } = await h.inngest.send({ name: type.name, data: data as Record<string, unknown>, ...(options.id ? { id: options.id } : {}) });
  return ids[0] ?? "";
};
const harnessEmails = (emailIds: string[]) => Promise.all(emailIds.map((emailId) => viaHarness({ name: "email/send.requested" } as never, { emailId } as never, { id: `email-${emailId}` })));

beforeAll(async () => {
  h = await startHarness("outbox", (inngest) => [createRegistrationReminders(inngest), createSendEmail(inngest, () => ({ kind: "captured" }))]);
});
afterAll(() => h.stop());

async function publishedEvent(name: string) {
  const { caller } = await newOrganization(name);
  const event = await createEvent(caller, { title: `${name} day`, timezone: "UTC", startsAt: new Date(Date.now() + 72 * hour).toISOString(), endsAt: new Date(Date.now() + 74 * hour).toISOString(), capacity: 5 });
  await publishEvent(caller, event.id);
  return { caller, event };
}

type Sent = { name: string; id: string | undefined };
function recorder() {
  const events: Sent[] = [];
  const handOffs: string[] = [];
  const event: typeof sendEvent = (type, _data, options = {}) => Promise.resolve(void events.push({ name: type.name, id: options.id })).then(() => options.id ?? "");
  return { events, handOffs, senders: { event, email: (id: string) => Promise.resolve(void handOffs.push(id)) } };
}

describe("notification outbox", () => {
  it("records the promise with the registration; with the job backend down the sweeper delivers the confirmation and schedules the reminders, exactly once", async () => {
    const { event } = await publishedEvent("down");
    const { registration, outcome } = await registerForEvent(event.id, { name: "Dora Down", email: "dora@example.test" }, "web");
    expect(outcome).toBe("confirmed");
    // Committed with the registration, processed after it, and left pending because the backend did not answer.
    const [row] = await db.notificationOutbox.findMany({ where: { registrationId: registration.id } });
    expect(row).toMatchObject({ kind: "registration_confirmed", status: "pending", attempts: 1, ticketToken: registration.ticketToken });
    expect(row!.lastError).toBeTruthy();
    const [email] = await db.emailMessage.findMany({ where: { to: "dora@example.test" } });
    expect(email).toMatchObject({ template: "registrationConfirmed", status: "queued", attempts: 0 });

    // Too young, or backing off: the sweeper leaves it.
    expect(await sweepNotifications(60_000, { event: viaHarness })).toEqual({ processed: 0, done: 0 });
    // The sweepers run (twice, as the cron would): the email handed over, the reminders event sent.
    for (let i = 0; i < 2; i++) {
      await sweepOutbox(0, { email: harnessEmails, message: () => Promise.resolve() });
      await sweepNotifications(0, { event: viaHarness }, 200, later());
    }
    expect(await db.notificationOutbox.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: "done", attempts: 2, lastError: null });
    await until(async () => (await db.emailMessage.findUniqueOrThrow({ where: { id: email!.id } })).status === "captured", 10_000);
    const runs = async (fn: string, eventId: string) =>
      (await h.pool.query<{ status: string }>(`SELECT status FROM inngest_local.runs WHERE function_id = $1 AND event_id = $2`, [`outbox-${fn}`, eventId])).rows;
    await until(async () => (await runs("registration-reminders", reminderEventId(registration))).length > 0, 10_000);
    // Give duplicates a chance to show up, then count.
    await new Promise((r) => setTimeout(r, 500));
    expect(await runs("registration-reminders", reminderEventId(registration))).toHaveLength(1);
    expect(await runs("send-email", `email-${email!.id}`)).toHaveLength(1);
    expect(await db.emailMessage.count({ where: { to: "dora@example.test" } })).toBe(1);
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: email!.id } })).attempts).toBe(1);
  }, 40_000);

  it("processing a row twice, or twice at once, sends nothing twice", async () => {
    const { caller, event } = await publishedEvent("twice");
    await registerForEvent(event.id, { name: "Tom", email: "tom@example.test" }, "web");
    await cancelEvent(caller, event.id); // the notice's event is recorded, its sending failed
    const row = await db.notificationOutbox.findFirstOrThrow({ where: { eventId: event.id, kind: "event_cancelled" } });
    expect(row.status).toBe("pending");
    const { events, senders } = recorder();
    const at = later();
    const outcomes = await Promise.all([processNotification(row.id, senders, at), processNotification(row.id, senders, at)]);
    expect(outcomes.sort()).toEqual(["done", "skipped"]);
    expect(await processNotification(row.id, senders, at)).toBe("skipped");
    expect(await sweepNotifications(0, senders, 200, at)).toMatchObject({ done: 1 }); // the registration's own row, not this one
    expect(events.filter((e) => e.name === "event/cancelled")).toEqual([{ name: "event/cancelled", id: `event-cancelled-${event.id}` }]);
    // Cancelling again records nothing new.
    await cancelEvent(caller, event.id);
    expect(await db.notificationOutbox.count({ where: { eventId: event.id, kind: "event_cancelled" } })).toBe(1);
  });

  it("keys a late notification to the ticket of its moment, not a newer one", async () => {
    const { event } = await publishedEvent("ticket");
    const { registration } = await registerForEvent(event.id, { name: "Uma", email: "uma@example.test" }, "web");
    const row = await db.notificationOutbox.findFirstOrThrow({ where: { registrationId: registration.id } });
    // Meanwhile the registration got a new ticket (cancelled and registered again).
    await db.registration.update({ where: { id: registration.id }, data: { ticketToken: "N".repeat(32) } });
    const { events, senders } = recorder();
    expect(await processNotification(row.id, senders, later())).toBe("done");
    expect(events).toEqual([{ name: "registration/confirmed", id: reminderEventId(registration) }]);
  });
});
