import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { type Prisma } from "@/lib/generated/prisma/client";
import { newId, randomToken, slugify } from "@/lib/ids";
import { formatInZone, timeZoneSchema } from "@/lib/time";
import { notifyAfterCommit, recordNotification } from "@/lib/outbox/notifications";
import { publishChange } from "@/lib/realtime/publish";
import { revalidatePublicEvent } from "./public";

/**
 * Events and their schedule and FAQs. Every query carries the caller's organizationId; an id of another organization
 * answers 404. Times are ISO 8601 instants (stored UTC); `timezone` is the IANA zone people see them in.
 */
// Strings in and out (so a parsed body parses again unchanged); services turn them into Dates when they store them.
const instant = z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time with a time zone offset, e.g. 2026-06-01T09:00:00Z." });
const ms = (iso: string) => Date.parse(iso);
const toDate = (iso: string | null | undefined) => (iso === undefined ? undefined : iso === null ? null : new Date(iso));
/** The stored form of whatever time fields an input carries. */
function withDates<T extends Record<string, unknown>>(data: T): T {
  const out: Record<string, unknown> = { ...data };
  for (const key of ["startsAt", "endsAt", "registrationOpensAt", "registrationClosesAt"]) if (key in out) out[key] = toDate(out[key] as string | null | undefined);
  return out as T;
}
const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/, "Use 3–60 lower-case letters, digits and dashes.");

const eventFields = {
  title: z.string().trim().min(2, "Give the event a title.").max(200),
  description: z.string().max(20_000).default(""),
  venue: z.string().trim().max(300).nullish(),
  onlineUrl: z.url("Enter a full web address, like https://example.com/live.").max(500).nullish(),
  timezone: timeZoneSchema,
  startsAt: instant,
  endsAt: instant,
  capacity: z.number().int().min(1).max(1_000_000),
  registrationOpensAt: instant.nullish(),
  registrationClosesAt: instant.nullish(),
};

export const createEventInput = z
  .object({ ...eventFields, slug: slug.optional() })
  .refine((e) => ms(e.endsAt) > ms(e.startsAt), { path: ["endsAt"], message: "The event must end after it starts." });
export const updateEventInput = z
  .object(Object.fromEntries(Object.entries({ ...eventFields, slug }).map(([k, v]) => [k, (v as z.ZodType).optional()])) as { [K in keyof typeof eventFields | "slug"]: z.ZodOptional<(typeof eventFields & { slug: typeof slug })[K]> })
  .refine((e) => Object.keys(e).length > 0, "Change at least one field.");

const faqQuestion = z.string().trim().min(3, "Write a question of at least 3 characters.").max(500, "Use at most 500 characters.");
const faqAnswer = z.string().trim().min(1, "Write the answer.").max(5_000, "Use at most 5,000 characters.");

export const createSessionInput = z
  .object({
    title: z.string().trim().min(1, "Give the session a title.").max(200, "Use at most 200 characters."),
    speaker: z.string().trim().max(200).nullish(),
    room: z.string().trim().max(100).nullish(),
    startsAt: instant,
    endsAt: instant,
    isKeynote: z.boolean().default(false),
  })
  .refine((s) => ms(s.endsAt) > ms(s.startsAt), { path: ["endsAt"], message: "The session must end after it starts." });
export const createFaqInput = z.object({ question: faqQuestion, answer: faqAnswer, position: z.number().int().min(0).default(0) });

export type EventDto = {
  id: string;
  slug: string;
  title: string;
  description: string;
  venue: string | null;
  onlineUrl: string | null;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  status: "draft" | "published" | "cancelled";
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  confirmedCount: number;
  seatsLeft: number;
  publishedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
type EventRow = Prisma.EventGetPayload<object>;
export const eventDto = (e: EventRow): EventDto => ({
  id: e.id,
  slug: e.slug,
  title: e.title,
  description: e.description,
  venue: e.venue,
  onlineUrl: e.onlineUrl,
  timezone: e.timezone,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  capacity: e.capacity,
  status: e.status,
  registrationOpensAt: e.registrationOpensAt,
  registrationClosesAt: e.registrationClosesAt,
  confirmedCount: e.confirmedCount,
  seatsLeft: Math.max(0, e.capacity - e.confirmedCount),
  publishedAt: e.publishedAt,
  cancelledAt: e.cancelledAt,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

/** The event of the caller's organization, or 404. */
export async function findEvent(caller: Caller, eventId: string): Promise<EventRow> {
  const event = await db.event.findFirst({ where: { id: eventId, organizationId: caller.organizationId } });
  if (!event) throw notFound("event");
  return event;
}

export async function createEvent(caller: Caller, input: z.input<typeof createEventInput>): Promise<EventDto> {
  requirePermission(caller, "events.manage");
  const data = createEventInput.parse(input);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = data.slug ?? (attempt === 0 ? slugify(data.title, 48, "event") : `${slugify(data.title, 48, "event")}-${randomToken(5).toLowerCase()}`);
    try {
      const event = await db.event.create({ data: { ...withDates(data), startsAt: new Date(data.startsAt), endsAt: new Date(data.endsAt), slug, id: newId("evt"), organizationId: caller.organizationId } });
      await publishChange(caller.organizationId, "event", event.id);
      return eventDto(event);
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      if (data.slug) throw new AppError("slug_taken", 409, `The address /e/${data.slug} is taken; choose another slug.`);
    }
  }
  throw new AppError("slug_taken", 409, "Could not find a free address for this event; give it a slug.");
}

export async function updateEvent(caller: Caller, eventId: string, input: z.input<typeof updateEventInput>): Promise<EventDto> {
  requirePermission(caller, "events.manage");
  const data = updateEventInput.parse(input);
  const current = await findEvent(caller, eventId);
  if (current.status === "cancelled") throw new AppError("event_cancelled", 409, "A cancelled event cannot be changed.");
  const startsAt = data.startsAt ? new Date(data.startsAt) : current.startsAt;
  const endsAt = data.endsAt ? new Date(data.endsAt) : current.endsAt;
  if (endsAt <= startsAt) throw new z.ZodError([{ code: "custom", path: ["endsAt"], message: "The event must end after it starts.", input: endsAt }]);
  if (data.capacity !== undefined && data.capacity < current.confirmedCount) {
    throw new AppError("capacity_below_confirmed", 409, `${current.confirmedCount} people are already confirmed; capacity cannot go below that.`);
  }
  // A new start time wakes the reminder runs (they wait for `event/rescheduled` up to each reminder's time), so an
  // event moved earlier is reminded at its new time. Recorded in the outbox with the change, sent after the commit.
  const moved = data.startsAt !== undefined && startsAt.getTime() !== current.startsAt.getTime();
  // Moving the whole event (start and end by the same amount) moves its schedule with it; changing only its length keeps
  // the sessions where they are, and a session the new times would leave outside refuses the change (assertWithinEvent).
  const shift = startsAt.getTime() - current.startsAt.getTime();
  const reschedules = shift !== 0 && endsAt.getTime() - current.endsAt.getTime() === shift;
  const retimed = moved || endsAt.getTime() !== current.endsAt.getTime();
  let notifications: string[] = [];
  try {
    notifications = await db.$transaction(async (tx) => {
      const { count } = await tx.event.updateMany({ where: { id: eventId, organizationId: caller.organizationId }, data: withDates(data) });
      if (count === 0) throw notFound("event");
      if (reschedules) {
        await tx.$executeRaw`UPDATE event_sessions SET "startsAt" = "startsAt" + ${shift} * interval '1 millisecond', "endsAt" = "endsAt" + ${shift} * interval '1 millisecond'
          WHERE "eventId" = ${eventId} AND "organizationId" = ${caller.organizationId}`;
      }
      if (retimed) {
        const outside = await tx.eventSession.findMany({
          where: { eventId, organizationId: caller.organizationId, OR: [{ startsAt: { lt: startsAt } }, { endsAt: { gt: endsAt } }] },
          orderBy: { startsAt: "asc" },
          select: { title: true },
        });
        if (outside.length > 0) {
          const names = outside.map((s) => `“${s.title}”`).join(", ");
          throw new z.ZodError([
            {
              code: "custom",
              path: [data.startsAt !== undefined && startsAt > current.startsAt ? "startsAt" : "endsAt"],
              message: `${outside.length === 1 ? "The session" : `${outside.length} sessions`} ${names} would fall outside ${eventSpan({ startsAt, endsAt, timezone: data.timezone ?? current.timezone })}. Move or remove ${outside.length === 1 ? "it" : "them"} first, or move the start and end by the same amount to move the whole schedule.`,
              input: (data.startsAt ?? data.endsAt)!,
            },
          ]);
        }
      }
      return moved ? [await recordNotification(tx, { kind: "event_rescheduled", organizationId: caller.organizationId, eventId })] : [];
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("slug_taken", 409, `The address /e/${data.slug ?? ""} is taken; choose another slug.`);
    throw error;
  }
  revalidatePublicEvent(current.slug, ...(data.slug ? [data.slug] : []));
  await publishChange(caller.organizationId, "event", eventId);
  await notifyAfterCommit(notifications);
  return eventDto(await findEvent(caller, eventId));
}

export async function publishEvent(caller: Caller, eventId: string): Promise<EventDto> {
  requirePermission(caller, "events.manage");
  const event = await findEvent(caller, eventId);
  if (event.status === "cancelled") throw new AppError("event_cancelled", 409, "A cancelled event cannot be published.");
  if (event.status === "published") return eventDto(event);
  // Nobody can register for an event that is over; publishing one is almost always a date typo.
  if (event.endsAt.getTime() <= Date.now()) {
    throw new AppError("event_ended", 409, `This event ended on ${formatInZone(event.endsAt, event.timezone)} (${event.timezone}); change its dates before publishing it.`);
  }
  await db.event.updateMany({ where: { id: eventId, organizationId: caller.organizationId, status: "draft" }, data: { status: "published", publishedAt: new Date() } });
  revalidatePublicEvent(event.slug);
  await publishChange(caller.organizationId, "event", eventId);
  return eventDto(await findEvent(caller, eventId));
}

export async function cancelEvent(caller: Caller, eventId: string): Promise<EventDto> {
  requirePermission(caller, "events.manage");
  const event = await findEvent(caller, eventId);
  if (event.status === "cancelled") return eventDto(event);
  // The notice to every attendee is promised in the same transaction (the notification outbox).
  const notifications = await db.$transaction(async (tx) => {
    const { count } = await tx.event.updateMany({ where: { id: eventId, organizationId: caller.organizationId, status: { not: "cancelled" } }, data: { status: "cancelled", cancelledAt: new Date() } });
    return count === 0 ? [] : [await recordNotification(tx, { kind: "event_cancelled", organizationId: caller.organizationId, eventId })];
  });
  revalidatePublicEvent(event.slug);
  await publishChange(caller.organizationId, "event", eventId);
  await notifyAfterCommit(notifications);
  return eventDto(await findEvent(caller, eventId));
}

/**
 * Deletes a draft, with its schedule, FAQs, questions and any phone number or Shopify product mapped to it (the
 * database cascades). Only a draft nobody has registered for: a published event has a public page and people who
 * may have seen it, so it is cancelled instead (409 `event_not_draft`), which tells them; registrations (an import
 * into a draft) are records the organizer keeps (409 `event_has_registrations`).
 */
export async function deleteDraftEvent(caller: Caller, eventId: string): Promise<void> {
  requirePermission(caller, "events.manage");
  const event = await findEvent(caller, eventId);
  if (event.status !== "draft") throw new AppError("event_not_draft", 409, "Only a draft can be deleted; cancel a published event instead, so its attendees are told.");
  await db.$transaction(async (tx) => {
    if ((await tx.registration.count({ where: { eventId, organizationId: caller.organizationId } })) > 0) {
      throw new AppError("event_has_registrations", 409, "This draft has registrations (imported); cancel it instead, so the records stay.");
    }
    const { count } = await tx.event.deleteMany({ where: { id: eventId, organizationId: caller.organizationId, status: "draft" } });
    if (count === 0) throw notFound("event");
  });
  await publishChange(caller.organizationId, "event", eventId);
}

export async function listEvents(caller: Caller, page: { limit: number; cursor?: string | undefined; status?: EventDto["status"] | undefined }): Promise<{ data: EventDto[]; nextCursor: string | null }> {
  requirePermission(caller, "events.read");
  const rows = await db.event.findMany({
    where: { organizationId: caller.organizationId, ...(page.status ? { status: page.status } : {}) },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, page.limit).map(eventDto);
  return { data, nextCursor: rows.length > page.limit ? data[data.length - 1]!.id : null };
}

export async function getEvent(caller: Caller, eventId: string): Promise<EventDto> {
  requirePermission(caller, "events.read");
  return eventDto(await findEvent(caller, eventId));
}

export type SessionDto = { id: string; title: string; speaker: string | null; room: string | null; startsAt: Date; endsAt: Date; isKeynote: boolean };
const sessionDto = (s: SessionDto): SessionDto => ({ id: s.id, title: s.title, speaker: s.speaker, room: s.room, startsAt: s.startsAt, endsAt: s.endsAt, isKeynote: s.isKeynote });

/** The event's times as people read them, for messages: "21 Jan 2027, 09:00 – 17:00 (Europe/Berlin)", with the end's date when it differs. */
function eventSpan({ startsAt, endsAt, timezone: zone }: Pick<EventRow, "startsAt" | "endsAt" | "timezone">): string {
  const sameDay = formatInZone(startsAt, zone, { dateStyle: "medium" }) === formatInZone(endsAt, zone, { dateStyle: "medium" });
  return `${formatInZone(startsAt, zone)} – ${formatInZone(endsAt, zone, sameDay ? { timeStyle: "short" } : undefined)} (${zone})`;
}

/**
 * A session lies within its event's times: the public page lists the schedule by day and the concierge answers "when
 * is …" from it, so a session outside them would show a day the event does not have.
 */
function assertWithinEvent(event: EventRow, startsAt: Date, endsAt: Date): void {
  const early = startsAt < event.startsAt;
  if (!early && endsAt <= event.endsAt) return;
  throw new z.ZodError([
    { code: "custom", path: [early ? "startsAt" : "endsAt"], message: `Sessions must fall within the event’s times: ${eventSpan(event)}.`, input: (early ? startsAt : endsAt).toISOString() },
  ]);
}

export async function addSession(caller: Caller, eventId: string, input: z.input<typeof createSessionInput>): Promise<SessionDto> {
  const data = createSessionInput.parse(input);
  const startsAt = new Date(data.startsAt);
  const endsAt = new Date(data.endsAt);
  return editContent(caller, eventId, async (event) => {
    assertWithinEvent(event, startsAt, endsAt);
    return sessionDto(await db.eventSession.create({ data: { ...data, startsAt, endsAt, id: newId("ses"), organizationId: caller.organizationId, eventId } }));
  });
}

export async function listSessions(caller: Caller, eventId: string): Promise<SessionDto[]> {
  requirePermission(caller, "events.read");
  await findEvent(caller, eventId);
  return (await db.eventSession.findMany({ where: { eventId, organizationId: caller.organizationId }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] })).map(sessionDto);
}

export type FaqDto = { id: string; question: string; answer: string; position: number };
const faqDto = (f: FaqDto): FaqDto => ({ id: f.id, question: f.question, answer: f.answer, position: f.position });

export async function addFaq(caller: Caller, eventId: string, input: z.input<typeof createFaqInput>): Promise<FaqDto> {
  const data = createFaqInput.parse(input);
  return editContent(caller, eventId, async () => faqDto(await db.faq.create({ data: { ...data, id: newId("faq"), organizationId: caller.organizationId, eventId } })));
}

export async function listFaqs(caller: Caller, eventId: string): Promise<FaqDto[]> {
  requirePermission(caller, "events.read");
  await findEvent(caller, eventId);
  return (await db.faq.findMany({ where: { eventId, organizationId: caller.organizationId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] })).map(faqDto);
}

// ---- Editing the schedule, the FAQs and the registration questions --------------------------------------------

/** Partial input: at least one field; times checked again against the stored ones when only one end changes. */
const partial = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .partial()
    .refine((e) => Object.values(e).some((v) => v !== undefined), "Change at least one field.");

const sessionFields = {
  title: z.string().trim().min(1, "Give the session a title.").max(200, "Use at most 200 characters."),
  speaker: z.string().trim().max(200).nullable(),
  room: z.string().trim().max(100).nullable(),
  startsAt: instant,
  endsAt: instant,
  isKeynote: z.boolean(),
};
export const updateSessionInput = partial(sessionFields);
export const updateFaqInput = partial({ question: faqQuestion, answer: faqAnswer, position: z.number().int().min(0) });

/**
 * A write to an event's content (sessions, FAQs, questions): the event must be the caller's; after it, its public page
 * is refreshed and an "event" change is published (dashboards refresh; the concierge's per-process copy of the
 * schedule and FAQs is forgotten everywhere, lib/concierge/facts.ts).
 */
async function editContent<T>(caller: Caller, eventId: string, write: (event: EventRow) => Promise<T>): Promise<T> {
  requirePermission(caller, "events.manage");
  const event = await findEvent(caller, eventId);
  const result = await write(event);
  revalidatePublicEvent(event.slug);
  await publishChange(caller.organizationId, "event", eventId);
  return result;
}

export async function updateSession(caller: Caller, eventId: string, sessionId: string, input: z.input<typeof updateSessionInput>): Promise<SessionDto> {
  const data = updateSessionInput.parse(input);
  return editContent(caller, eventId, async (event) => {
    const where = { id: sessionId, eventId, organizationId: caller.organizationId };
    const current = await db.eventSession.findFirst({ where });
    if (!current) throw notFound("session");
    const startsAt = data.startsAt ? new Date(data.startsAt) : current.startsAt;
    const endsAt = data.endsAt ? new Date(data.endsAt) : current.endsAt;
    if (endsAt <= startsAt) throw new z.ZodError([{ code: "custom", path: ["endsAt"], message: "The session must end after it starts.", input: data.endsAt }]);
    assertWithinEvent(event, startsAt, endsAt);
    const { count } = await db.eventSession.updateMany({ where, data: { ...data, startsAt, endsAt } });
    if (count === 0) throw notFound("session");
    return sessionDto(await db.eventSession.findFirstOrThrow({ where }));
  });
}

export async function deleteSession(caller: Caller, eventId: string, sessionId: string): Promise<void> {
  await editContent(caller, eventId, async () => {
    const { count } = await db.eventSession.deleteMany({ where: { id: sessionId, eventId, organizationId: caller.organizationId } });
    if (count === 0) throw notFound("session");
  });
}

export async function updateFaq(caller: Caller, eventId: string, faqId: string, input: z.input<typeof updateFaqInput>): Promise<FaqDto> {
  const data = updateFaqInput.parse(input);
  return editContent(caller, eventId, async () => {
    const where = { id: faqId, eventId, organizationId: caller.organizationId };
    const { count } = await db.faq.updateMany({ where, data });
    if (count === 0) throw notFound("FAQ");
    return faqDto(await db.faq.findFirstOrThrow({ where }));
  });
}

export async function deleteFaq(caller: Caller, eventId: string, faqId: string): Promise<void> {
  await editContent(caller, eventId, async () => {
    const { count } = await db.faq.deleteMany({ where: { id: faqId, eventId, organizationId: caller.organizationId } });
    if (count === 0) throw notFound("FAQ");
  });
}

/**
 * Custom registration questions: short text, one choice among options, or a checkbox; required or not. Answers are
 * stored on the registration by question id, so deleting a question leaves old answers in place (the export shows
 * the current questions only).
 */
const questionKind = z.enum(["text", "choice", "checkbox"]);
const questionFields = {
  label: z.string().trim().min(1, "Give the question a label.").max(300),
  kind: questionKind,
  options: z.array(z.string().trim().min(1).max(100)).max(50),
  required: z.boolean(),
  position: z.number().int().min(0),
};
/** Choices need at least two distinct options; other kinds take none. */
function checkOptions(q: { kind: z.infer<typeof questionKind>; options: string[] }, ctx: z.RefinementCtx) {
  if (q.kind === "choice" && new Set(q.options).size < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "A choice needs at least two different options." });
  if (q.kind !== "choice" && q.options.length > 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Only a choice question has options." });
}
export const createQuestionInput = z
  .object({ ...questionFields, options: questionFields.options.default([]), required: questionFields.required.default(false), position: questionFields.position.default(0) })
  .superRefine(checkOptions);
export const updateQuestionInput = partial(questionFields);

export type QuestionDto = { id: string; label: string; kind: "text" | "choice" | "checkbox"; options: string[]; required: boolean; position: number };
const questionDto = (q: Prisma.RegistrationQuestionGetPayload<object>): QuestionDto => ({
  id: q.id,
  label: q.label,
  kind: q.kind,
  options: Array.isArray(q.options) ? (q.options as string[]) : [],
  required: q.required,
  position: q.position,
});

export async function listQuestions(caller: Caller, eventId: string): Promise<QuestionDto[]> {
  requirePermission(caller, "events.read");
  await findEvent(caller, eventId);
  return (await db.registrationQuestion.findMany({ where: { eventId, organizationId: caller.organizationId }, orderBy: [{ position: "asc" }, { id: "asc" }] })).map(questionDto);
}

export async function addQuestion(caller: Caller, eventId: string, input: z.input<typeof createQuestionInput>): Promise<QuestionDto> {
  const data = createQuestionInput.parse(input);
  return editContent(caller, eventId, async () =>
    questionDto(await db.registrationQuestion.create({ data: { ...data, id: newId("rq"), organizationId: caller.organizationId, eventId } })),
  );
}

export async function updateQuestion(caller: Caller, eventId: string, questionId: string, input: z.input<typeof updateQuestionInput>): Promise<QuestionDto> {
  const data = updateQuestionInput.parse(input);
  return editContent(caller, eventId, async () => {
    const where = { id: questionId, eventId, organizationId: caller.organizationId };
    const current = await db.registrationQuestion.findFirst({ where });
    if (!current) throw notFound("question");
    const kind = data.kind ?? current.kind;
    // Changing the kind away from a choice drops its options unless new ones are given.
    const options = data.options ?? (kind === "choice" ? questionDto(current).options : []);
    z.object({ kind: questionKind, options: z.array(z.string()) }).superRefine(checkOptions).parse({ kind, options });
    const { count } = await db.registrationQuestion.updateMany({ where, data: { ...data, kind, options } });
    if (count === 0) throw notFound("question");
    return questionDto(await db.registrationQuestion.findFirstOrThrow({ where }));
  });
}

export async function deleteQuestion(caller: Caller, eventId: string, questionId: string): Promise<void> {
  await editContent(caller, eventId, async () => {
    const { count } = await db.registrationQuestion.deleteMany({ where: { id: questionId, eventId, organizationId: caller.organizationId } });
    if (count === 0) throw notFound("question");
  });
}
