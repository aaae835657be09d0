/**
 * Editing an event's content through /api/v1: registration questions (list, add, change, remove), sessions and FAQs
 * (change, remove). Real handlers, services and database; the public page's data shows the edits.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId, randomToken } from "@/lib/ids";
import { createEvent, publishEvent, updateEvent } from "@/lib/events/service";
import { loadPublicEventContent } from "@/lib/events/public";
import { registerForEvent } from "@/lib/registrations/service";
import { addKey, call, headersFor, newOrganization } from "@/tests/api";
import * as faq from "./faqs/[faqId]/route";
import * as faqs from "./faqs/route";
import * as question from "./questions/[questionId]/route";
import * as questions from "./questions/route";
import * as eventRoute from "./route";
import * as session from "./sessions/[sessionId]/route";
import * as sessions from "./sessions/route";

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const json = async <T>(response: Response) => (await response.json()) as T;

async function setUp(name: string) {
  const { org, owner, caller } = await newOrganization(name);
  const event = await createEvent(caller, { title: `${name} forum`, slug: `${name}-forum`, timezone: "UTC", startsAt: soon(48), endsAt: soon(56), capacity: 20 });
  await publishEvent(caller, event.id);
  const key = await addKey(org.id, owner.userId, "read_write");
  return { event, owner, caller, key, headers: headersFor(key) };
}

describe("registration questions through the API", () => {
  it("adds, lists in order, changes and removes questions; registrations must answer the required ones", async () => {
    const { event, headers } = await setUp("questions");
    const params = { eventId: event.id };
    const diet = await call(questions.POST, { params, headers, body: { label: "Diet", kind: "choice", options: ["none", "vegan"], required: true, position: 2 } });
    expect(diet.status).toBe(201);
    const dietQ = (await json<{ data: { id: string } }>(diet)).data;
    expect(dietQ).toMatchObject({ label: "Diet", kind: "choice", options: ["none", "vegan"], required: true, position: 2 });
    const company = (await json<{ data: { id: string } }>(await call(questions.POST, { params, headers, body: { label: "Company", kind: "text" } }))).data;
    expect(company).toMatchObject({ kind: "text", options: [], required: false, position: 0 });

    const listed = await json<{ data: { id: string }[] }>(await call(questions.GET, { params, headers }));
    expect(listed.data.map((q) => q.id)).toEqual([company.id, dietQ.id]);
    expect((await loadPublicEventContent(event.slug))!.questions.map((q) => q.label)).toEqual(["Company", "Diet"]);

    await expect(registerForEvent(event.id, { name: "Ann", email: "ann@example.test" }, "api")).rejects.toMatchObject({ issues: [{ path: ["answers", dietQ.id] }] });

    const changed = await call(question.PATCH, { params: { ...params, questionId: dietQ.id }, headers, body: { label: "Dietary needs", required: false, options: ["none", "vegan", "halal"] } });
    expect(changed.status).toBe(200);
    expect((await json<{ data: unknown }>(changed)).data).toMatchObject({ id: dietQ.id, label: "Dietary needs", kind: "choice", options: ["none", "vegan", "halal"], required: false });
    expect((await registerForEvent(event.id, { name: "Ann", email: "ann@example.test" }, "api")).outcome).toBe("confirmed");
    // The public page (cached content) shows the change.
    expect((await loadPublicEventContent(event.slug))!.questions.find((q) => q.id === dietQ.id)).toMatchObject({ label: "Dietary needs", options: ["none", "vegan", "halal"] });

    // To a checkbox: the options go.
    const box = await call(question.PATCH, { params: { ...params, questionId: dietQ.id }, headers, body: { kind: "checkbox" } });
    expect((await json<{ data: unknown }>(box)).data).toMatchObject({ kind: "checkbox", options: [] });

    expect((await call(question.DELETE, { params: { ...params, questionId: company.id }, headers })).status).toBe(204);
    expect((await call(question.DELETE, { params: { ...params, questionId: company.id }, headers })).status).toBe(404);
    expect(await db.registrationQuestion.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("refuses a choice without options, options on other kinds, and empty changes, naming the fields", async () => {
    const { event, headers } = await setUp("badquestions");
    const params = { eventId: event.id };
    const paths = async (response: Response) => {
      expect(response.status).toBe(422);
      return (await json<{ errors: { path: string }[] }>(response)).errors.map((e) => e.path);
    };
    expect(await paths(await call(questions.POST, { params, headers, body: { label: "Pick", kind: "choice", options: ["only"] } }))).toEqual(["options"]);
    expect(await paths(await call(questions.POST, { params, headers, body: { label: "Name", kind: "text", options: ["x"] } }))).toEqual(["options"]);
    expect(await paths(await call(questions.POST, { params, headers, body: { label: "", kind: "radio" } }))).toEqual(expect.arrayContaining(["label", "kind"]));
    const text = (await json<{ data: { id: string } }>(await call(questions.POST, { params, headers, body: { label: "Name", kind: "text" } }))).data;
    expect((await call(question.PATCH, { params: { ...params, questionId: text.id }, headers, body: {} })).status).toBe(422);
    expect(await paths(await call(question.PATCH, { params: { ...params, questionId: text.id }, headers, body: { kind: "choice" } }))).toEqual(["options"]);
  });
});

describe("sessions and FAQs through the API", () => {
  it("changes and removes a session and a FAQ, keeping times consistent, and the public page follows", async () => {
    const { event, headers } = await setUp("content");
    const params = { eventId: event.id };
    const talk = (await json<{ data: { id: string } }>(await call(sessions.POST, { params, headers, body: { title: "Talk", startsAt: soon(49), endsAt: soon(50) } }))).data;
    const q = (await json<{ data: { id: string } }>(await call(faqs.POST, { params, headers, body: { question: "Parking?", answer: "No." } }))).data;

    const moved = await call(session.PATCH, { params: { ...params, sessionId: talk.id }, headers, body: { title: "Keynote", isKeynote: true, speaker: "Ada", endsAt: soon(51) } });
    expect(moved.status).toBe(200);
    expect((await json<{ data: unknown }>(moved)).data).toMatchObject({ id: talk.id, title: "Keynote", isKeynote: true, speaker: "Ada" });
    // Ending before it starts (against the stored start) is refused.
    const backwards = await call(session.PATCH, { params: { ...params, sessionId: talk.id }, headers, body: { endsAt: soon(48) } });
    expect(backwards.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(backwards)).errors.map((e) => e.path)).toEqual(["endsAt"]);

    const answered = await call(faq.PATCH, { params: { ...params, faqId: q.id }, headers, body: { answer: "Yes, behind the hall." } });
    expect((await json<{ data: unknown }>(answered)).data).toMatchObject({ id: q.id, question: "Parking?", answer: "Yes, behind the hall." });

    let page = (await loadPublicEventContent(event.slug))!;
    expect(page.sessions).toMatchObject([{ title: "Keynote", isKeynote: true }]);
    expect(page.faqs).toMatchObject([{ answer: "Yes, behind the hall." }]);

    expect((await call(session.DELETE, { params: { ...params, sessionId: talk.id }, headers })).status).toBe(204);
    expect((await call(faq.DELETE, { params: { ...params, faqId: q.id }, headers })).status).toBe(204);
    expect((await call(session.PATCH, { params: { ...params, sessionId: talk.id }, headers, body: { title: "Gone" } })).status).toBe(404);
    page = (await loadPublicEventContent(event.slug))!;
    expect(page.sessions).toEqual([]);
    expect(page.faqs).toEqual([]);
  });

  it("keeps sessions within the event's times; moving the event moves its schedule, shortening it past a session is refused", async () => {
    const { event, headers, caller } = await setUp("within");
    const params = { eventId: event.id };
    const errors = async (response: Response) => {
      expect(response.status).toBe(422);
      return (await json<{ errors: { path: string; message: string }[] }>(response)).errors;
    };
    // The event runs from soon(48) to soon(56): a session the day before, or running past the end, is refused.
    const before = await errors(await call(sessions.POST, { params, headers, body: { title: "Eve", startsAt: soon(24), endsAt: soon(25) } }));
    expect(before).toMatchObject([{ path: "startsAt", message: expect.stringContaining("(UTC)") as string }]);
    expect(await errors(await call(sessions.POST, { params, headers, body: { title: "Late", startsAt: soon(55), endsAt: soon(57) } }))).toMatchObject([{ path: "endsAt" }]);
    const talk = (await json<{ data: { id: string; startsAt: string } }>(await call(sessions.POST, { params, headers, body: { title: "Talk", startsAt: soon(50), endsAt: soon(51) } }))).data;
    expect(await errors(await call(session.PATCH, { params: { ...params, sessionId: talk.id }, headers, body: { endsAt: soon(60) } }))).toMatchObject([{ path: "endsAt" }]);
    expect(await db.eventSession.count({ where: { eventId: event.id } })).toBe(1);

    // A week later, start and end together: the talk moves with it.
    const week = 7 * 24 * 3_600_000;
    const shifted = (iso: string | Date) => new Date(new Date(iso).getTime() + week).toISOString();
    await updateEvent(caller, event.id, { startsAt: shifted(event.startsAt), endsAt: shifted(event.endsAt) });
    const moved = await db.eventSession.findUniqueOrThrow({ where: { id: talk.id } });
    expect(moved.startsAt.toISOString()).toBe(shifted(talk.startsAt));
    expect((await loadPublicEventContent(event.slug))!.sessions.map((s) => s.startsAt)).toEqual([shifted(talk.startsAt)]);

    // Ending the event before the talk is refused with the talk's name, and nothing changes.
    await expect(updateEvent(caller, event.id, { endsAt: new Date(moved.startsAt.getTime() + 30 * 60_000).toISOString() })).rejects.toMatchObject({
      issues: [{ path: ["endsAt"], message: expect.stringContaining("“Talk”") as string }],
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).endsAt.toISOString()).toBe(shifted(event.endsAt));
    // Starting it later than the talk is refused too; an earlier start keeps the talk where it is.
    await expect(updateEvent(caller, event.id, { startsAt: new Date(moved.startsAt.getTime() + 60_000).toISOString() })).rejects.toMatchObject({ issues: [{ path: ["startsAt"] }] });
    await updateEvent(caller, event.id, { startsAt: new Date(new Date(shifted(event.startsAt)).getTime() - 3_600_000).toISOString() });
    expect((await db.eventSession.findUniqueOrThrow({ where: { id: talk.id } })).startsAt).toEqual(moved.startsAt);
  });

  it("a session, FAQ or question of another event of the same organization is a 404 under this event", async () => {
    const { event, headers, caller } = await setUp("crossed");
    const other = await createEvent(caller, { title: "Other", timezone: "UTC", startsAt: soon(48), endsAt: soon(50), capacity: 5 });
    const talk = (await json<{ data: { id: string } }>(await call(sessions.POST, { params: { eventId: other.id }, headers, body: { title: "Elsewhere", startsAt: soon(48), endsAt: soon(49) } }))).data;
    const q = (await json<{ data: { id: string } }>(await call(questions.POST, { params: { eventId: other.id }, headers, body: { label: "Elsewhere", kind: "text" } }))).data;
    expect((await call(session.DELETE, { params: { eventId: event.id, sessionId: talk.id }, headers })).status).toBe(404);
    expect((await call(question.PATCH, { params: { eventId: event.id, questionId: q.id }, headers, body: { label: "Mine" } })).status).toBe(404);
    expect(await db.eventSession.count({ where: { id: talk.id } })).toBe(1);
  });
});

describe("deleting a draft", () => {
  it("removes a draft with its content and mappings; a published event, a draft with registrations or another organization's are refused", async () => {
    const { event: published, headers, caller } = await setUp("deletes");
    const draft = await createEvent(caller, { title: "Scratch", timezone: "UTC", startsAt: soon(48), endsAt: soon(50), capacity: 5 });
    const params = { eventId: draft.id };
    await call(sessions.POST, { params, headers, body: { title: "Talk", startsAt: soon(48), endsAt: soon(49) } });
    await call(faqs.POST, { params, headers, body: { question: "Parking?", answer: "No." } });
    await db.phoneNumber.create({ data: { id: newId("pnm"), organizationId: caller.organizationId, eventId: draft.id, number: `+1500555${String(Date.now()).slice(-4)}` } });

    // A published event is cancelled, not deleted.
    const refused = await call(eventRoute.DELETE, { params: { eventId: published.id }, headers });
    expect(refused.status).toBe(409);
    expect(await json<{ code: string }>(refused)).toMatchObject({ code: "event_not_draft" });
    // Another organization's draft is a 404, and stays.
    const other = await setUp("deletes-other");
    expect((await call(eventRoute.DELETE, { params, headers: other.headers })).status).toBe(404);
    expect(await db.event.count({ where: { id: draft.id } })).toBe(1);

    expect((await call(eventRoute.DELETE, { params, headers })).status).toBe(204);
    expect(await db.event.count({ where: { id: draft.id } })).toBe(0);
    expect(await db.eventSession.count({ where: { eventId: draft.id } })).toBe(0);
    expect(await db.faq.count({ where: { eventId: draft.id } })).toBe(0);
    expect(await db.phoneNumber.count({ where: { eventId: draft.id } })).toBe(0);
    expect((await call(eventRoute.GET, { params, headers })).status).toBe(404);
    expect((await call(eventRoute.DELETE, { params, headers })).status).toBe(404);

    // A draft with imported registrations keeps them: cancel it instead.
    const imported = await createEvent(caller, { title: "Imported", timezone: "UTC", startsAt: soon(48), endsAt: soon(50), capacity: 5 });
    await db.registration.create({ data: { id: newId("reg"), organizationId: caller.organizationId, eventId: imported.id, name: "Ann", email: "ann@example.test", status: "confirmed", source: "import", ticketToken: randomToken(32) } });
    const kept = await call(eventRoute.DELETE, { params: { eventId: imported.id }, headers });
    expect(await json<{ code: string }>(kept)).toMatchObject({ code: "event_has_registrations" });
    expect(await db.registration.count({ where: { eventId: imported.id } })).toBe(1);
  });
});
