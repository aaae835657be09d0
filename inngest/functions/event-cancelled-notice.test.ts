/**
 * The "event cancelled" notice on the local executor through the real serve handler, with the send-email job
 * behind it (captured transport) and the real event and registration services. Pages of 2, so paging is exercised.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRun, rerun } from "@/lib/jobs/runs";
import { cancelEvent, createEvent, publishEvent } from "@/lib/events/service";
import { eventCancelled } from "@/lib/registrations/notifications";
import { cancelByTicket, registerForEvent } from "@/lib/registrations/service";
import { type sendEvent } from "@/inngest/send";
import { newOrganization } from "@/tests/api";
import { startHarness, until } from "@/tests/executor-harness";
import { createEventCancelledNotice } from "./event-cancelled-notice";
import { createSendEmail } from "./send-email";

let h: Awaited<ReturnType<typeof startHarness>>;
const viaHarness: typeof sendEvent = async (type, data, options = {}) => {
  const { ids } = await h.inngest.send({ name: type.name, data: data as Record<string, unknown>, ...(options.id ? { id: options.id } : {}) });
  return ids[0] ?? "";
};

beforeAll(async () => {
  h = await startHarness("notice", (inngest) => [createEventCancelledNotice(inngest, 2), createSendEmail(inngest, () => ({ kind: "captured" }))]);
});
afterAll(() => h.stop());

const hour = 3_600_000;

describe("event cancelled notice on the local executor", () => {
  it("reaches every confirmed and waitlisted attendee exactly once, and nobody else", async () => {
    const { caller, org } = await newOrganization("notice");
    const times = { timezone: "Asia/Tokyo", startsAt: new Date(Date.now() + 72 * hour).toISOString(), endsAt: new Date(Date.now() + 74 * hour).toISOString() };
    const event = await createEvent(caller, { title: "Rooftop gig", ...times, capacity: 3 });
    const other = await createEvent(caller, { title: "Other gig", ...times, capacity: 3 });
    await Promise.all([publishEvent(caller, event.id), publishEvent(caller, other.id)]);
    const people = Array.from({ length: 6 }, (_, i) => ({ name: `Fan ${i}`, email: `fan${i}@example.test` }));
    const results = await Promise.all(people.map((p) => registerForEvent(event.id, p, "web")));
    await registerForEvent(other.id, { name: "Elsewhere", email: "elsewhere@example.test" }, "web");
    // One waitlisted person leaves before the cancellation: they are not told again.
    const leaver = results.find((r) => r.outcome === "waitlisted")!.registration;
    await cancelByTicket(leaver.ticketToken);
    const expected = results.map((r) => r.registration.email).filter((email) => email !== leaver.email).sort();
    expect(results.filter((r) => r.outcome === "confirmed")).toHaveLength(3);
    expect(expected).toHaveLength(5);

    await cancelEvent(caller, event.id); // its own event/cancelled found no job backend; send it to this executor
    await eventCancelled(event.id, { event: viaHarness });
    await eventCancelled(event.id, { event: viaHarness }); // a repeat: same event id, ignored
    const run = await h.waitForRun("event-cancelled-notice", `event-cancelled-${event.id}`, ["completed", "failed"], 20_000);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ notified: 5, pages: 3 });

    const notices = () => db.emailMessage.findMany({ where: { template: "eventCancelled" }, orderBy: { to: "asc" } });
    const rows = await notices();
    expect(rows.map((r) => r.to)).toEqual(expected);
    expect(rows.every((r) => r.organizationId === org.id && r.subject === "Cancelled: Rooftop gig")).toBe(true);
    expect(rows[0]!.text).toContain("Hi Fan 0, we're sorry: notice events has cancelled this event.");
    expect(rows[0]!.text).toContain("(Asia/Tokyo)");
    await until(async () => (await notices()).every((r) => r.status === "captured"), 10_000);
    expect((await notices()).map((r) => r.status)).toEqual(Array(5).fill("captured"));

    // Running the whole job again (a replay) sends nobody a second notice.
    const { id: again } = await rerun(run.id);
    let status = "";
    await until(async () => ["completed", "failed"].includes((status = (await getRun(again)).status)), 10_000);
    expect(status).toBe("completed");
    expect(await db.emailMessage.count({ where: { template: "eventCancelled" } })).toBe(5);
    expect(await db.emailMessage.count({ where: { to: "elsewhere@example.test", template: "eventCancelled" } })).toBe(0);
    expect(await db.emailMessage.count({ where: { template: "eventCancelled", status: "captured" } })).toBe(5);
  }, 60_000);
});
