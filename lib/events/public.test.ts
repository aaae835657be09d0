import type * as NextCache from "next/cache";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { addFaq, addSession, cancelEvent, createEvent, publishEvent } from "@/lib/events/service";
import { newId } from "@/lib/ids";
import { cancelByTicket, checkIn, registerForEvent } from "@/lib/registrations/service";
import { newOrganization } from "@/tests/api";
import { liveEventState, loadPublicEventContent, publicEvent, registrationState, revalidatePublicEvent, ticketByToken } from "./public";

// Next's data cache needs a Next.js server; here the cache wrapper is a pass-through and revalidateTag a spy.
vi.mock("next/cache", () => ({ unstable_cache: <T>(fn: T) => fn, revalidateTag: vi.fn() }));

const hour = 3_600_000;
async function eventWith(options: { capacity?: number; publish?: boolean; name?: string } = {}) {
  const { caller, org } = await newOrganization(options.name ?? "public");
  const startsAt = new Date(Date.now() + 48 * hour).toISOString();
  const endsAt = new Date(Date.now() + 56 * hour).toISOString();
  const event = await createEvent(caller, { title: "Launch Day", description: "All about the launch.", venue: "Hall 1", timezone: "Europe/Berlin", startsAt, endsAt, capacity: options.capacity ?? 2 });
  await addSession(caller, event.id, { title: "Doors open", startsAt, endsAt: new Date(Date.parse(startsAt) + hour).toISOString() });
  await addSession(caller, event.id, { title: "Opening keynote", speaker: "Ada", startsAt: new Date(Date.parse(startsAt) + hour).toISOString(), endsAt: new Date(Date.parse(startsAt) + 2 * hour).toISOString(), isKeynote: true });
  await addFaq(caller, event.id, { question: "Is there parking?", answer: "Yes, behind the hall.", position: 1 });
  await addFaq(caller, event.id, { question: "Is lunch included?", answer: "Yes.", position: 0 });
  await db.registrationQuestion.create({ data: { id: newId("rq"), organizationId: org.id, eventId: event.id, label: "Diet", kind: "choice", options: ["none", "vegan"], required: true, position: 0 } });
  if (options.publish !== false) await publishEvent(caller, event.id);
  return { caller, event };
}
const person = (i: number, answers: Record<string, string> = {}) => ({ name: `Person ${i}`, email: `person${i}@example.test`, phone: "+14155550100", answers });

describe("publicEvent", () => {
  it("returns nothing for drafts and unknown or malformed slugs", async () => {
    const { event } = await eventWith({ publish: false, name: "draft" });
    expect(await publicEvent(event.slug)).toBeNull();
    expect(await loadPublicEventContent(event.slug)).toBeNull();
    expect(await publicEvent("no-such-event")).toBeNull();
    expect(await publicEvent("../../etc/passwd")).toBeNull();
  });

  it("shows content in order with the keynote flagged, live seats, and no attendee data", async () => {
    const { event } = await eventWith({ capacity: 2, name: "shape" });
    const questionId = (await db.registrationQuestion.findFirstOrThrow({ where: { eventId: event.id } })).id;
    await registerForEvent(event.id, person(1, { [questionId]: "vegan" }), "web");

    const page = await publicEvent(event.slug);
    expect(page).toMatchObject({ id: event.id, slug: event.slug, title: "Launch Day", status: "published", timezone: "Europe/Berlin", capacity: 2, seatsLeft: 1 });
    expect(page!.sessions.map((s) => [s.title, s.isKeynote])).toEqual([["Doors open", false], ["Opening keynote", true]]);
    expect(page!.faqs.map((f) => f.question)).toEqual(["Is lunch included?", "Is there parking?"]);
    expect(page!.questions).toEqual([{ id: questionId, label: "Diet", kind: "choice", options: ["none", "vegan"], required: true }]);
    expect(typeof page!.startsAt).toBe("string"); // JSON-safe for the data cache

    // Nothing about the people who registered, nor tenant internals.
    const json = JSON.stringify(page);
    for (const secret of ["person1@example.test", "Person 1", "+14155550100", "vegan\":", "ticketToken", "registrations", "organizationId", event.id.replace("evt", "org")]) expect(json).not.toContain(secret);
    expect(Object.keys(page!).sort()).toEqual(
      ["capacity", "description", "endsAt", "faqs", "id", "onlineUrl", "organizationName", "questions", "registrationClosesAt", "registrationOpensAt", "seatsLeft", "sessions", "slug", "startsAt", "status", "timezone", "title", "venue"].sort(),
    );

    // Seats are read live, not from the cached content.
    await registerForEvent(event.id, person(2, { [questionId]: "none" }), "web");
    expect((await publicEvent(event.slug))!.seatsLeft).toBe(0);
    expect(await liveEventState(event.slug)).toEqual({ id: event.id, status: "published", seatsLeft: 0 });
    expect(registrationState({ ...page!, seatsLeft: 0 })).toBe("full");
  });

  it("keeps cancelled events public, with registration closed", async () => {
    const { caller, event } = await eventWith({ name: "cancelled" });
    await cancelEvent(caller, event.id);
    const page = await publicEvent(event.slug);
    expect(page?.status).toBe("cancelled");
    expect(registrationState(page!)).toBe("cancelled");
  });

  it("tells registration states apart", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const base = { status: "published" as const, seatsLeft: 5, registrationOpensAt: null, registrationClosesAt: null, endsAt: "2026-06-02T12:00:00Z" };
    expect(registrationState(base, now)).toBe("open");
    expect(registrationState({ ...base, seatsLeft: 0 }, now)).toBe("full");
    expect(registrationState({ ...base, registrationOpensAt: "2026-06-01T13:00:00Z" }, now)).toBe("not_open");
    expect(registrationState({ ...base, registrationClosesAt: "2026-06-01T12:00:00Z" }, now)).toBe("closed");
    expect(registrationState({ ...base, endsAt: "2026-06-01T11:00:00Z" }, now)).toBe("closed");
    expect(registrationState({ ...base, status: "cancelled" }, now)).toBe("cancelled");
  });
});

describe("revalidatePublicEvent", () => {
  it("revalidates the tag of each slug once, immediately", async () => {
    const { revalidateTag } = await import("next/cache");
    vi.mocked(revalidateTag).mockClear(); // the event services called it while earlier tests set up their events
    revalidatePublicEvent("old-slug", "new-slug", "old-slug");
    expect(vi.mocked(revalidateTag).mock.calls).toEqual([
      ["event:old-slug", { expire: 0 }],
      ["event:new-slug", { expire: 0 }],
    ]);
  });

  it("is a no-op outside a Next.js request (tests, scripts), where Next's own revalidateTag throws", async () => {
    const actual = await vi.importActual<typeof NextCache>("next/cache");
    expect(() => actual.revalidateTag("event:x", { expire: 0 })).toThrow(/static generation store missing/);
    vi.doMock("next/cache", () => actual);
    vi.resetModules();
    const fresh = await import("./public");
    expect(() => fresh.revalidatePublicEvent("x")).not.toThrow();
    vi.doUnmock("next/cache");
  });
});

describe("ticketByToken", () => {
  it("shows its own registration and the event summary, nothing else", async () => {
    const { caller, event } = await eventWith({ capacity: 1, name: "ticket" });
    const questionId = (await db.registrationQuestion.findFirstOrThrow({ where: { eventId: event.id } })).id;
    const a = await registerForEvent(event.id, person(1, { [questionId]: "vegan" }), "web");
    const b = await registerForEvent(event.id, person(2, { [questionId]: "none" }), "web");
    const c = await registerForEvent(event.id, person(3, { [questionId]: "none" }), "web");
    await checkIn(caller, { ticketToken: a.registration.ticketToken });

    const ticket = await ticketByToken(a.registration.ticketToken);
    expect(ticket).toMatchObject({ ticketToken: a.registration.ticketToken, name: "Person 1", status: "confirmed", waitlistPosition: null, event: { id: event.id, slug: event.slug, title: "Launch Day", timezone: "Europe/Berlin", status: "published" } });
    expect(ticket!.checkedInAt).toEqual(expect.any(String));
    expect(Object.keys(ticket!).sort()).toEqual(["checkedInAt", "event", "name", "status", "ticketToken", "waitlistPosition"]);
    const json = JSON.stringify(ticket);
    for (const other of ["Person 2", "Person 3", b.registration.ticketToken, c.registration.ticketToken, "@example.test", "+14155550100", "vegan", "organizationId"]) expect(json).not.toContain(other);

    // The waitlist position is the live rank: it moves up when someone ahead leaves the line.
    expect((await ticketByToken(c.registration.ticketToken))?.waitlistPosition).toBe(2);
    await cancelByTicket(b.registration.ticketToken);
    expect((await ticketByToken(c.registration.ticketToken))?.waitlistPosition).toBe(1);
    expect(await ticketByToken(b.registration.ticketToken)).toMatchObject({ status: "cancelled", waitlistPosition: null });
  });

  it("answers null for unknown and malformed tokens without looking them up", async () => {
    const spy = vi.spyOn(db.registration, "findUnique");
    for (const token of ["", "short", "x".repeat(65), "abc-def_ghi/jkl.mnopqrstuv", "' OR 1=1 --aaaaaaaaaaaaaaa", "%00aaaaaaaaaaaaaaaaaaaaaaaa"]) expect(await ticketByToken(token)).toBeNull();
    expect(spy).not.toHaveBeenCalled();
    expect(await ticketByToken("A".repeat(32))).toBeNull(); // well-formed but unknown: looked up, not found
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
