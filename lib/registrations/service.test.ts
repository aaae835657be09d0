import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEvent, publishEvent, updateEvent } from "@/lib/events/service";
import { newId } from "@/lib/ids";
import { newOrganization } from "@/tests/api";
import { cancelByTicket, cancelRegistration, checkIn, listRegistrations, registerAs, registerForEvent } from "./service";

const hour = 3_600_000;
async function publishedEvent(capacity: number, name = "reg") {
  const { caller } = await newOrganization(name);
  const startsAt = new Date(Date.now() + 48 * hour).toISOString();
  const endsAt = new Date(Date.now() + 50 * hour).toISOString();
  const event = await createEvent(caller, { title: `${name} conference`, timezone: "Europe/Berlin", startsAt, endsAt, capacity });
  await publishEvent(caller, event.id);
  return { caller, event };
}
const person = (i: number) => ({ name: `Person ${i}`, email: `person${i}@example.test` });

describe("registrations", () => {
  it("never overbooks: 50 people racing for 10 seats → exactly 10 confirmed, 40 waitlisted in order", async () => {
    const { event } = await publishedEvent(10, "race");
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => registerForEvent(event.id, person(i), "web")));
    expect(results.filter((r) => r.outcome === "confirmed")).toHaveLength(10);
    expect(results.filter((r) => r.outcome === "waitlisted")).toHaveLength(40);
    const rows = await db.registration.findMany({ where: { eventId: event.id } });
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(10);
    expect(rows.filter((r) => r.status === "waitlisted").map((r) => r.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(10);
  });

  it("returns the existing registration for the same email, whatever its case", async () => {
    const { event } = await publishedEvent(5, "dupe");
    const first = await registerForEvent(event.id, { name: "Ada", email: "ada@example.test" }, "web");
    const again = await registerForEvent(event.id, { name: "Ada L.", email: "ADA@example.test" }, "sms");
    expect(again.outcome).toBe("existing");
    expect(again.registration.id).toBe(first.registration.id);
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("the same email racing itself gets one seat and one outbox row; the others get that registration back", async () => {
    const { event } = await publishedEvent(5, "self-race");
    const results = await Promise.all(Array.from({ length: 12 }, () => registerForEvent(event.id, { name: "Eager", email: "eager@example.test" }, "web")));
    expect(results.filter((r) => r.outcome === "confirmed")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "existing")).toHaveLength(11);
    expect(new Set(results.map((r) => r.registration.id)).size).toBe(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(1);
    expect(await db.notificationOutbox.count({ where: { eventId: event.id, kind: "registration_confirmed" } })).toBe(1);
  });

  it("frees the seat on cancellation and promotes the first on the waitlist; cancelling twice changes nothing", async () => {
    const { caller, event } = await publishedEvent(1, "promote");
    const a = await registerForEvent(event.id, person(1), "web");
    const b = await registerForEvent(event.id, person(2), "web");
    const c = await registerForEvent(event.id, person(3), "web");
    expect([a.outcome, b.outcome, c.outcome]).toEqual(["confirmed", "waitlisted", "waitlisted"]);

    const cancelled = await cancelByTicket(a.registration.ticketToken);
    expect(cancelled.registration.status).toBe("cancelled");
    expect(cancelled.promoted?.id).toBe(b.registration.id);
    expect((await db.registration.findUniqueOrThrow({ where: { id: b.registration.id } })).status).toBe("confirmed");
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(1);
    expect((await cancelByTicket(a.registration.ticketToken)).promoted).toBeNull();

    // A waitlisted person cancelling frees no seat; a confirmed one with nobody waiting lowers the count.
    await cancelRegistration(caller, c.registration.id);
    await cancelRegistration(caller, b.registration.id);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(0);
    // Registering again after cancelling reopens the registration with a fresh ticket.
    const back = await registerForEvent(event.id, person(1), "web");
    expect(back).toMatchObject({ outcome: "confirmed", registration: { id: a.registration.id } });
    expect(back.registration.ticketToken).not.toBe(a.registration.ticketToken);
  });

  it("refuses drafts, cancelled events, closed registration and publishing an event that is over, with specific codes", async () => {
    const { caller } = await newOrganization("states");
    const start = new Date(Date.now() + 24 * hour).toISOString();
    const end = new Date(Date.now() + 26 * hour).toISOString();
    const draft = await createEvent(caller, { title: "Draft", timezone: "UTC", startsAt: start, endsAt: end, capacity: 3 });
    await expect(registerForEvent(draft.id, person(1), "web")).rejects.toMatchObject({ code: "event_not_published", status: 409 });
    // An event that is already over cannot be published (a date typo, almost always); it stays a draft.
    const over = await createEvent(caller, { title: "Over", timezone: "UTC", startsAt: new Date(Date.now() - 26 * hour).toISOString(), endsAt: new Date(Date.now() - 24 * hour).toISOString(), capacity: 3 });
    await expect(publishEvent(caller, over.id)).rejects.toMatchObject({ code: "event_ended", status: 409 });
    expect((await db.event.findUniqueOrThrow({ where: { id: over.id } })).status).toBe("draft");
    await publishEvent(caller, draft.id);
    await updateEvent(caller, draft.id, { registrationClosesAt: new Date(Date.now() - 1000).toISOString() });
    await expect(registerForEvent(draft.id, person(1), "web")).rejects.toMatchObject({ code: "registration_closed" });
    await updateEvent(caller, draft.id, { registrationClosesAt: null, registrationOpensAt: new Date(Date.now() + hour).toISOString() });
    await expect(registerForEvent(draft.id, person(1), "web")).rejects.toMatchObject({ code: "registration_not_open" });
    await db.event.update({ where: { id: draft.id }, data: { status: "cancelled" } });
    await expect(registerForEvent(draft.id, person(1), "web")).rejects.toMatchObject({ code: "event_cancelled" });
    await expect(registerForEvent("evt_0000000000000000000000", person(1), "web")).rejects.toMatchObject({ status: 404 });
  });

  it("validates email, phone and the event's required questions, naming the fields", async () => {
    const { event } = await publishedEvent(5, "questions");
    const diet = await db.registrationQuestion.create({ data: { id: newId("rq"), organizationId: event.id.replace("evt", "org"), eventId: event.id, label: "Diet", kind: "choice", options: ["none", "vegan"], required: true } });
    const error = await registerForEvent(event.id, { name: "", email: "nope", phone: "0123", answers: {} }, "web").catch((e: unknown) => e);
    expect((error as { issues: { path: string[] }[] }).issues.map((i) => i.path.join(".")).sort()).toEqual(["email", "name", "phone"]);
    const missing = await registerForEvent(event.id, { name: "Bo", email: "bo@example.test", answers: {} }, "web").catch((e: unknown) => e);
    expect((missing as { issues: { path: string[] }[] }).issues.map((i) => i.path.join("."))).toEqual([`answers.${diet.id}`]);
    const wrong = await registerForEvent(event.id, { name: "Bo", email: "bo@example.test", answers: { [diet.id]: "meat" } }, "web").catch((e: unknown) => e);
    expect((wrong as { issues: { message: string }[] }).issues[0]!.message).toContain("vegan");
    const ok = await registerForEvent(event.id, { name: "Bo", email: "bo@example.test", phone: "+14155550100", answers: { [diet.id]: "vegan", stray: "x" } }, "web");
    expect(ok.registration.answers).toEqual({ [diet.id]: "vegan" });
  });

  it("checks in once: a second scan says when; waitlisted and foreign registrations are refused", async () => {
    const { caller, event } = await publishedEvent(1, "door");
    const a = await registerForEvent(event.id, person(1), "web");
    const b = await registerForEvent(event.id, person(2), "web");
    const first = await checkIn({ ...caller, role: "staff" }, { ticketToken: a.registration.ticketToken });
    expect(first.alreadyCheckedInAt).toBeNull();
    expect(first.registration.checkedInAt).not.toBeNull();
    const second = await checkIn(caller, { registrationId: a.registration.id });
    expect(second.alreadyCheckedInAt?.toISOString()).toBe(first.registration.checkedInAt!.toISOString());
    await expect(checkIn(caller, { registrationId: b.registration.id })).rejects.toMatchObject({ code: "not_confirmed" });
    await expect(checkIn({ ...caller, role: "viewer" }, { registrationId: a.registration.id })).rejects.toMatchObject({ status: 403 });
    const other = await newOrganization("elsewhere");
    await expect(checkIn(other.caller, { ticketToken: a.registration.ticketToken })).rejects.toMatchObject({ status: 404 });
  });

  it("lists with a status filter, name/email search and cursor pages", async () => {
    const { caller, event } = await publishedEvent(3, "list");
    for (let i = 0; i < 5; i++) await registerAs(caller, event.id, person(i));
    const waitlisted = await listRegistrations(caller, event.id, { limit: 50, status: "waitlisted" });
    expect(waitlisted.data.map((r) => r.email)).toEqual(["person3@example.test", "person4@example.test"]);
    expect((await listRegistrations(caller, event.id, { limit: 50, q: "PERSON 2" })).data.map((r) => r.name)).toEqual(["Person 2"]);
    const page1 = await listRegistrations(caller, event.id, { limit: 2 });
    const page2 = await listRegistrations(caller, event.id, { limit: 2, cursor: page1.nextCursor! });
    const page3 = await listRegistrations(caller, event.id, { limit: 2, cursor: page2.nextCursor! });
    expect([...page1.data, ...page2.data, ...page3.data].map((r) => r.name)).toEqual(["Person 0", "Person 1", "Person 2", "Person 3", "Person 4"]);
    expect(page3.nextCursor).toBeNull();
    expect(page1.data[0]!.source).toBe("web");

    // No matches in an own event is an empty page; another organization's event is not found, with or without rows.
    expect(await listRegistrations(caller, event.id, { limit: 50, q: "nobody" })).toEqual({ data: [], nextCursor: null });
    const { caller: stranger } = await newOrganization("list-stranger");
    await expect(listRegistrations(stranger, event.id, { limit: 50 })).rejects.toMatchObject({ status: 404 });
    await expect(listRegistrations(stranger, "evt_unknown000000000000000", { limit: 50 })).rejects.toMatchObject({ status: 404 });
  });
});
