import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addQuestion, createEvent, publishEvent, updateEvent } from "@/lib/events/service";
import { addMember, newOrganization } from "@/tests/api";
import { importRegistrations, type importInput } from "./import";
import type { z } from "zod";
import { cancelRegistration, checkIn, promoteRegistration, registerForEvent, registrationSummary, listRegistrations } from "./service";

const hour = 3_600_000;
async function publishedEvent(capacity: number, name = "import") {
  const { caller, org } = await newOrganization(name);
  const event = await createEvent(caller, { title: `${name} conference`, timezone: "Europe/Berlin", startsAt: new Date(Date.now() + 48 * hour).toISOString(), endsAt: new Date(Date.now() + 50 * hour).toISOString(), capacity });
  await publishEvent(caller, event.id);
  return { caller, org, event };
}

describe("CSV import", () => {
  it("registers valid rows in order (seats, then the waitlist), reports invalid ones per field, and is idempotent", async () => {
    const { caller, event } = await publishedEvent(2);
    await addQuestion(caller, event.id, { label: "Company", kind: "text", required: true });
    await addQuestion(caller, event.id, { label: "Diet", kind: "choice", options: ["none", "vegan"] });
    await addQuestion(caller, event.id, { label: "Newsletter", kind: "checkbox" });
    const rows: z.input<typeof importInput>["rows"] = [
      { line: 2, name: "Ada", email: "ADA@example.test", phone: "+14155550100", answers: { company: "Analytical", Diet: "Vegan", Newsletter: "yes", status: "ignored" } },
      { line: 3, name: "", email: "nobody", answers: { Company: "X" } },
      { line: 4, name: "Bob", email: "bob@example.test", phone: "0301234", answers: { Company: "B" } },
      { line: 5, name: "Cy", email: "cy@example.test", answers: { Company: "" } },
      { line: 6, name: "Dee", email: "dee@example.test", answers: { Company: "D", Diet: "paleo", Newsletter: "maybe" } },
      { line: 7, name: "Eve", email: "eve@example.test", answers: { Company: "E" } },
      { line: 8, name: "Fay", email: "fay@example.test", answers: { Company: "F" } },
      { line: 9, name: "Ada again", email: "ada@example.test", answers: { Company: "A" } },
    ];
    const first = await importRegistrations(caller, event.id, { rows });
    expect(first.map((r) => [r.line, r.outcome])).toEqual([[2, "created"], [3, "error"], [4, "error"], [5, "error"], [6, "error"], [7, "created"], [8, "waitlisted"], [9, "existing"]]);
    expect(first[1]!.errors.map((e) => e.field).sort()).toEqual(["email", "name"]);
    expect(first[2]!.errors).toEqual([{ field: "phone", message: expect.stringContaining("country code") as string }]);
    expect(first[3]!.errors).toEqual([{ field: "Company", message: "Answer “Company”." }]);
    expect(first[4]!.errors.map((e) => e.field).sort()).toEqual(["Diet", "Newsletter"]);

    const ada = await db.registration.findFirstOrThrow({ where: { eventId: event.id, email: "ada@example.test" } });
    expect(ada).toMatchObject({ source: "import", status: "confirmed", phone: "+14155550100" });
    expect(Object.values(ada.answers as object).sort()).toEqual(["Analytical", "vegan", true].sort());
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(2);
    // One live update for the batch, not one per row.
    expect(await db.changeLog.count({ where: { organizationId: caller.organizationId, topic: "registration" } })).toBe(1);

    const again = await importRegistrations(caller, event.id, { rows });
    expect(again.filter((r) => r.outcome === "existing")).toHaveLength(4);
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(3);

    // A cancelled registration in the file is reopened (as on the public page), in file order with the new rows.
    await cancelRegistration(caller, first[5]!.registrationId!); // Eve's seat goes to Fay
    const reopened = await importRegistrations(caller, event.id, {
      rows: [
        { line: 2, name: "Gil", email: "gil@example.test", answers: { Company: "G" } },
        { line: 3, name: "Eve", email: "eve@example.test", answers: { Company: "E" } },
        { line: 4, name: "Hal", email: "hal@example.test", answers: { Company: "H" } },
      ],
    });
    expect(reopened.map((r) => r.outcome)).toEqual(["waitlisted", "waitlisted", "waitlisted"]);
    const waitlist = await db.registration.findMany({ where: { eventId: event.id, status: "waitlisted" }, orderBy: { waitlistPosition: "asc" } });
    expect(waitlist.map((r) => [r.name, r.waitlistPosition])).toEqual([["Gil", 1], ["Eve", 2], ["Hal", 3]]);
    expect(await db.notificationOutbox.count({ where: { eventId: event.id, kind: "registration_waitlisted" } })).toBe(4);
  });

  it("is refused to staff and to another organization; a closed event refuses the whole batch", async () => {
    const { caller, org, event } = await publishedEvent(5, "guarded");
    const staff = await addMember(org.id, "staff");
    await expect(importRegistrations({ kind: "user", userId: staff.userId, organizationId: org.id, role: "staff" }, event.id, { rows: [{ line: 2, name: "A", email: "a@example.test" }] })).rejects.toMatchObject({ status: 403 });
    const other = await newOrganization("other");
    await expect(importRegistrations(other.caller, event.id, { rows: [{ line: 2, name: "A", email: "a@example.test" }] })).rejects.toMatchObject({ status: 404 });
    await updateEvent(caller, event.id, { registrationClosesAt: new Date(Date.now() - hour).toISOString() });
    await expect(importRegistrations(caller, event.id, { rows: [{ line: 2, name: "A", email: "a@example.test" }] })).rejects.toMatchObject({ code: "registration_closed" });
  });

  it("imports batches in file order across batches (seats first, then the waitlist)", async () => {
    // The 1,000-row timing is measured end to end in e2e/attendees.spec.ts (here notifications run inline).
    const { caller, event } = await publishedEvent(90, "bulk");
    const started = performance.now();
    for (let batch = 0; batch < 2; batch++) {
      const rows = Array.from({ length: 60 }, (_, i) => ({ line: batch * 60 + i + 2, name: `Person ${batch * 60 + i}`, email: `p${batch * 60 + i}@example.test` }));
      await importRegistrations(caller, event.id, { rows });
    }
    const ms = performance.now() - started;
    console.log(`import of 120 rows with inline notifications: ${Math.round(ms)} ms`);
    expect(await registrationSummary(caller, event.id)).toMatchObject({ confirmed: 90, waitlisted: 30, seatsLeft: 0, total: 120 });
    const last = await db.registration.findFirstOrThrow({ where: { eventId: event.id, email: "p119@example.test" } });
    expect(last).toMatchObject({ status: "waitlisted", waitlistPosition: 30 });
  }, 90_000);
});

describe("promote and check-in guards", () => {
  it("promotes a waitlisted person only when a seat is free, under the event's lock", async () => {
    const { caller, event } = await publishedEvent(1, "promo");
    await registerForEvent(event.id, { name: "A", email: "a@example.test" }, "web");
    const b = await registerForEvent(event.id, { name: "B", email: "b@example.test" }, "web");
    const c = await registerForEvent(event.id, { name: "C", email: "c@example.test" }, "web");
    await expect(promoteRegistration(caller, c.registration.id)).rejects.toMatchObject({ code: "event_full" });
    await updateEvent(caller, event.id, { capacity: 2 });
    // Two promotions racing for the one new seat: exactly one wins.
    const results = await Promise.allSettled([promoteRegistration(caller, c.registration.id), promoteRegistration(caller, b.registration.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(2);
    const summary = await registrationSummary(caller, event.id);
    expect(summary).toMatchObject({ confirmed: 2, waitlisted: 1, seatsLeft: 0 });
    const promoted = results.find((r) => r.status === "fulfilled")!.value.registration;
    await expect(promoteRegistration(caller, promoted.id)).rejects.toMatchObject({ code: "not_waitlisted" });
  });

  it("refuses a ticket of another event when the door names its event; lists newest first on request", async () => {
    const { caller, event } = await publishedEvent(3, "door");
    const other = await createEvent(caller, { title: "Other", timezone: "UTC", startsAt: new Date(Date.now() + 48 * hour).toISOString(), endsAt: new Date(Date.now() + 50 * hour).toISOString(), capacity: 3 });
    await publishEvent(caller, other.id);
    const elsewhere = await registerForEvent(other.id, { name: "Elsewhere", email: "e@example.test" }, "web");
    await expect(checkIn(caller, { ticketToken: elsewhere.registration.ticketToken }, { eventId: event.id })).rejects.toMatchObject({ code: "other_event", extra: { name: "Elsewhere", eventTitle: "Other" } });
    expect((await db.registration.findUniqueOrThrow({ where: { id: elsewhere.registration.id } })).checkedInAt).toBeNull();
    await registerForEvent(event.id, { name: "First", email: "1@example.test" }, "web");
    await registerForEvent(event.id, { name: "Second", email: "2@example.test" }, "web");
    expect((await listRegistrations(caller, event.id, { order: "desc" })).data.map((r) => r.name)).toEqual(["Second", "First"]);
  });
});
