import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { revalidatePublicEvent } from "@/lib/events/public";
import { publishChange } from "@/lib/realtime/publish";
import { findEvent } from "@/lib/events/service";
import { type Prisma } from "@/lib/generated/prisma/client";
import { newId, randomToken } from "@/lib/ids";
import { notifyAfterCommit, recordNotification, recordNotifications } from "@/lib/outbox/notifications";

/**
 * Registrations: a seat, or a place on the waitlist. Seats are given out under a lock on the event's row, so the last
 * seat goes to exactly one person however many ask at once; a cancellation frees the seat and promotes the first on
 * the waitlist in the same transaction.
 */
export const registerInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(200),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  phone: z
    .string()
    .trim()
    .regex(/^\+[1-9]\d{6,14}$/, "Enter the phone number with its country code, e.g. +14155550100.")
    .nullish()
    .or(z.literal("").transform(() => null)),
  answers: z.record(z.string(), z.union([z.string().max(2_000), z.boolean()])).default({}),
});
export type RegisterInput = z.input<typeof registerInput>;
export type Source = "web" | "whatsapp" | "sms" | "api" | "shopify" | "import";

export type RegistrationDto = {
  id: string;
  eventId: string;
  name: string;
  email: string;
  phone: string | null;
  answers: unknown;
  status: "confirmed" | "waitlisted" | "cancelled";
  source: Source;
  waitlistPosition: number | null;
  checkedInAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
};
type Row = Prisma.RegistrationGetPayload<object>;
export const registrationDto = (r: Row): RegistrationDto => ({
  id: r.id,
  eventId: r.eventId,
  name: r.name,
  email: r.email,
  phone: r.phone,
  answers: r.answers,
  status: r.status,
  source: r.source,
  waitlistPosition: r.waitlistPosition,
  checkedInAt: r.checkedInAt,
  cancelledAt: r.cancelledAt,
  createdAt: r.createdAt,
});

export type RegisterOutcome = { registration: Row; outcome: "confirmed" | "waitlisted" | "existing" };
export type Tx = Prisma.TransactionClient;

type Question = Prisma.RegistrationQuestionGetPayload<object>;

/** Checks answers against the event's custom questions: required ones present, choices among the options. */
export function checkAnswers(questions: readonly Question[], answers: Record<string, string | boolean>): Record<string, string | boolean> {
  const issues: z.core.$ZodIssue[] = [];
  const clean: Record<string, string | boolean> = {};
  for (const q of questions) {
    const value = answers[q.id];
    const empty = value === undefined || value === "" || value === false;
    if (empty) {
      if (q.required) issues.push({ code: "custom", path: ["answers", q.id], message: `Answer “${q.label}”.`, input: value });
      continue;
    }
    if (q.kind === "checkbox" && typeof value !== "boolean") issues.push({ code: "custom", path: ["answers", q.id], message: "Expected true or false.", input: value });
    else if (q.kind === "choice" && !(q.options as string[]).includes(String(value))) issues.push({ code: "custom", path: ["answers", q.id], message: `Choose one of: ${(q.options as string[]).join(", ")}.`, input: value });
    else clean[q.id] = q.kind === "text" ? String(value) : value;
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return clean;
}

/** An event's row, locked for the rest of the transaction (seats are counted under this lock). */
export type LockedEvent = { id: string; slug: string; organizationId: string; status: string; capacity: number; confirmedCount: number; registrationOpensAt: Date | null; registrationClosesAt: Date | null; endsAt: Date };

/** Locks the event's row and checks that it takes registrations now. */
export async function lockEventForRegistration(tx: Tx, eventId: string, now = new Date()): Promise<LockedEvent> {
  const [event] = await tx.$queryRaw<LockedEvent[]>`
    SELECT id, slug, "organizationId", status::text, capacity, "confirmedCount", "registrationOpensAt", "registrationClosesAt", "endsAt"
    FROM events WHERE id = ${eventId} FOR UPDATE`;
  if (!event) throw notFound("event");
  if (event.status === "draft") throw new AppError("event_not_published", 409, "This event is not open for registration yet.");
  if (event.status === "cancelled") throw new AppError("event_cancelled", 409, "This event has been cancelled.");
  if (event.registrationOpensAt && now < event.registrationOpensAt) throw new AppError("registration_not_open", 409, "Registration has not opened yet.");
  if ((event.registrationClosesAt && now >= event.registrationClosesAt) || now >= event.endsAt) throw new AppError("registration_closed", 409, "Registration for this event is closed.");
  return event;
}

export type LockedOutcome = { registration: Row; outcome: "confirmed" | "waitlisted" | "existing"; notification: string | null };

/**
 * Registers one validated input inside a transaction that holds the event's lock (`lockEventForRegistration`):
 * a seat while `event.confirmedCount < capacity` (kept current on the object, so several calls can share one lock),
 * else the waitlist. The same email again is `existing`; a cancelled one is reopened. Publishes nothing: the caller
 * announces the change (once per registration or once per batch).
 */
export async function registerLocked(tx: Tx, event: LockedEvent, questions: readonly Question[], data: z.output<typeof registerInput>, source: Source): Promise<LockedOutcome> {
  const eventId = event.id;
  const existing = await tx.registration.findUnique({ where: { eventId_email: { eventId, email: data.email } } });
  if (existing && existing.status !== "cancelled") return { registration: existing, outcome: "existing", notification: null };
  const answers = checkAnswers(questions, data.answers);

  const seat = event.confirmedCount < event.capacity;
  let waitlistPosition: number | null = null;
  if (seat) {
    await tx.event.update({ where: { id: eventId }, data: { confirmedCount: { increment: 1 } } });
    event.confirmedCount += 1;
  } else {
    const last = await tx.registration.aggregate({ where: { eventId, status: "waitlisted" }, _max: { waitlistPosition: true } });
    waitlistPosition = (last._max.waitlistPosition ?? 0) + 1;
  }
  const fields = { name: data.name, phone: data.phone ?? null, answers, status: seat ? ("confirmed" as const) : ("waitlisted" as const), source, waitlistPosition, cancelledAt: null, checkedInAt: null };
  const registration = existing
    ? await tx.registration.update({ where: { id: existing.id }, data: { ...fields, ticketToken: randomToken(32) } })
    : await tx.registration.create({ data: { ...fields, id: newId("reg"), organizationId: event.organizationId, eventId, email: data.email, ticketToken: randomToken(32) } });
  // The attendee's email and reminders are promised in the same transaction (the notification outbox).
  const notification = await recordNotification(tx, {
    kind: seat ? "registration_confirmed" : "registration_waitlisted",
    organizationId: event.organizationId,
    eventId,
    registrationId: registration.id,
    ticketToken: registration.ticketToken,
  });
  return { registration, outcome: seat ? "confirmed" : "waitlisted", notification };
}

/**
 * Registers many validated inputs under one lock (the CSV import) with the rules of `registerLocked` — seats in
 * input order while they last, then the waitlist; an email registered already (or earlier in the same call) is
 * `existing`; a cancelled one is reopened — in a handful of statements instead of several per person, so the lock
 * is held briefly. Publishes nothing (the caller announces the batch once).
 */
export async function registerManyLocked(tx: Tx, event: LockedEvent, questions: readonly Question[], inputs: readonly z.output<typeof registerInput>[], source: Source, now = new Date()): Promise<LockedOutcome[]> {
  const eventId = event.id;
  const found = await tx.registration.findMany({ where: { eventId, email: { in: [...new Set(inputs.map((i) => i.email))] } } });
  const byEmail = new Map(found.map((r) => [r.email, r]));
  const last = await tx.registration.aggregate({ where: { eventId, status: "waitlisted" }, _max: { waitlistPosition: true } });
  let nextPosition = (last._max.waitlistPosition ?? 0) + 1;
  let seatsTaken = 0;
  let pending: Row[] = [];
  const outcomes: LockedOutcome[] = [];
  const pendingOutcomes: LockedOutcome[] = [];

  const flush = async () => {
    if (pending.length === 0) return;
    if (seatsTaken > 0) await tx.event.update({ where: { id: eventId }, data: { confirmedCount: { increment: seatsTaken } } });
    await tx.registration.createMany({ data: pending.map((r) => ({ ...r, answers: r.answers as Prisma.InputJsonValue })) });
    const ids = await recordNotifications(
      tx,
      pending.map((r) => ({ kind: r.status === "confirmed" ? ("registration_confirmed" as const) : ("registration_waitlisted" as const), organizationId: event.organizationId, eventId, registrationId: r.id, ticketToken: r.ticketToken })),
    );
    pendingOutcomes.forEach((o, i) => (o.notification = ids[i]!));
    pending = [];
    pendingOutcomes.length = 0;
    seatsTaken = 0;
  };

  for (const [index, data] of inputs.entries()) {
    const existing = byEmail.get(data.email);
    if (existing && existing.status !== "cancelled") {
      outcomes.push({ registration: existing, outcome: "existing", notification: null });
      continue;
    }
    if (existing) {
      // Reopening a cancelled registration is rare: take the one-by-one path, after what is pending.
      await flush();
      const reopened = await registerLocked(tx, event, questions, data, source);
      byEmail.set(data.email, reopened.registration);
      if (reopened.registration.waitlistPosition !== null) nextPosition = Math.max(nextPosition, reopened.registration.waitlistPosition + 1);
      outcomes.push(reopened);
      continue;
    }
    const answers = checkAnswers(questions, data.answers);
    const seat = event.confirmedCount < event.capacity;
    if (seat) {
      event.confirmedCount += 1;
      seatsTaken += 1;
    }
    const at = new Date(now.getTime() + index); // file order survives in the list's (createdAt, id) order
    const row: Row = {
      id: newId("reg"), organizationId: event.organizationId, eventId, name: data.name, email: data.email, phone: data.phone ?? null, answers,
      status: seat ? "confirmed" : "waitlisted", source, ticketToken: randomToken(32), waitlistPosition: seat ? null : nextPosition++,
      checkedInAt: null, cancelledAt: null, createdAt: at, updatedAt: at,
    };
    pending.push(row);
    byEmail.set(data.email, row);
    const outcome: LockedOutcome = { registration: row, outcome: seat ? "confirmed" : "waitlisted", notification: null };
    pendingOutcomes.push(outcome);
    outcomes.push(outcome);
  }
  await flush();
  return outcomes;
}

/**
 * Registers someone for an event: confirmed while seats are left, else waitlisted. The same email again returns the
 * existing registration (a cancelled one is reopened). Refuses drafts, cancelled events and closed registration.
 */
export async function registerForEvent(eventId: string, input: RegisterInput, source: Source, now = new Date()): Promise<RegisterOutcome> {
  const data = registerInput.parse(input);
  // Everything that needs no lock happens before taking it: registrations of one event queue on its row, so each
  // statement inside is paid by everyone waiting. The questions are read first (answers are checked against them).
  const questions = await db.registrationQuestion.findMany({ where: { eventId }, orderBy: { position: "asc" } });
  // Answers that do not fit the questions go the locked way: an existing registration is returned regardless of them.
  const answers = (() => {
    try {
      return checkAnswers(questions, data.answers);
    } catch {
      return null;
    }
  })();
  const seated = answers && (await takeSeat(eventId, data, answers, source, now));
  const result = seated
    ? { registration: seated.registration, outcome: "confirmed" as const, notification: seated.notification, slug: seated.slug, organizationId: seated.registration.organizationId }
    : await db.$transaction(async (tx) => {
        const event = await lockEventForRegistration(tx, eventId, now);
        const done = await registerLocked(tx, event, questions, data, source);
        return { ...done, slug: event.slug, organizationId: event.organizationId };
      }, LOCKED_TX);
  if (result.outcome === "existing") return { registration: result.registration, outcome: "existing" };
  await publishChange(result.organizationId, "registration", result.registration.id); // live dashboards, after the commit
  if (result.outcome === "confirmed") revalidatePublicEvent(result.slug); // the seat count changed
  await notifyAfterCommit(result.notification ? [result.notification] : []);
  return { registration: result.registration, outcome: result.outcome };
}

/**
 * The common case in one statement: a new email, a free seat, an event taking registrations now. The seat count is
 * incremented by an UPDATE whose condition (`confirmedCount < capacity`, status, dates, no registration with this
 * email) Postgres re-checks on the locked row, and the registration and its outbox row are inserted in the same
 * statement, so the event's row is locked for one statement and its commit instead of a whole interactive
 * transaction (docs/decisions.md #77). Anything else — full (waitlist), closed, not published, unknown, the email
 * registered already (or registering right now: the unique index answers) — returns null, and `registerForEvent`
 * takes the locked path, which decides and explains it.
 */
async function takeSeat(eventId: string, data: z.output<typeof registerInput>, answers: Record<string, string | boolean>, source: Source, now: Date): Promise<{ registration: Row; slug: string; notification: string } | null> {
  const registrationId = newId("reg");
  const notificationId = `ntf_${randomToken(22)}`;
  try {
    const rows = await db.$queryRaw<(Row & { slug: string })[]>`
      WITH ev AS (
        UPDATE events SET "confirmedCount" = "confirmedCount" + 1, "updatedAt" = now()
        WHERE id = ${eventId} AND status = 'published' AND "confirmedCount" < capacity
          AND ("registrationOpensAt" IS NULL OR "registrationOpensAt" <= ${now})
          AND ("registrationClosesAt" IS NULL OR "registrationClosesAt" > ${now})
          AND "endsAt" > ${now}
          AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r."eventId" = ${eventId} AND r.email = ${data.email})
        RETURNING id, slug, "organizationId"
      ), reg AS (
        INSERT INTO registrations (id, "organizationId", "eventId", name, email, phone, answers, status, source, "ticketToken", "updatedAt")
        SELECT ${registrationId}, ev."organizationId", ev.id, ${data.name}, ${data.email}, ${data.phone ?? null}, ${JSON.stringify(answers)}::jsonb,
          'confirmed', ${source}::"RegistrationSource", ${randomToken(32)}, now()
        FROM ev
        RETURNING *
      ), ntf AS (
        INSERT INTO notification_outbox (id, "organizationId", "eventId", "registrationId", "ticketToken", kind)
        SELECT ${notificationId}, reg."organizationId", reg."eventId", reg.id, reg."ticketToken", 'registration_confirmed' FROM reg
      )
      SELECT reg.*, ev.slug FROM reg, ev`;
    const [row] = rows;
    if (!row) return null;
    const { slug, ...registration } = row;
    return { registration, slug, notification: notificationId };
  } catch (error) {
    // The same email registering at this very moment: the locked path finds it and answers `existing`.
    if (/23505|unique constraint/i.test(String((error as { message?: string }).message ?? error))) return null;
    throw error;
  }
}

/** Transactions that queue on the event's row lock: wait for a connection and the lock rather than fail fast. */
export const LOCKED_TX = { maxWait: 10_000, timeout: 15_000 };

/** Registration through /api/v1 (or the dashboard): the event must belong to the caller's organization. */
export async function registerAs(caller: Caller, eventId: string, input: RegisterInput): Promise<RegisterOutcome> {
  requirePermission(caller, "attendees.manage");
  await findEvent(caller, eventId);
  return registerForEvent(eventId, input, caller.kind === "api_key" ? "api" : "web");
}

export type CancelOutcome = { registration: Row; promoted: Row | null };

/** Cancels a registration; a freed seat goes to the first on the waitlist. Cancelling twice changes nothing. */
async function cancel(where: { id?: string; ticketToken?: string; organizationId?: string }): Promise<CancelOutcome> {
  let changedEventSlug: string | null = null; // set when this call cancelled something
  const notifications: string[] = [];
  const result = await db.$transaction(async (tx) => {
    const found = await tx.registration.findFirst({ where, select: { id: true, eventId: true } });
    if (!found) throw notFound("registration");
    const [locked] = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM events WHERE id = ${found.eventId} FOR UPDATE`;
    const registration = await tx.registration.findUniqueOrThrow({ where: { id: found.id } });
    if (registration.status === "cancelled") return { registration, promoted: null };
    const cancelled = await tx.registration.update({ where: { id: registration.id }, data: { status: "cancelled", cancelledAt: new Date(), waitlistPosition: null } });
    const told = (kind: "registration_cancelled" | "registration_promoted", r: Row) =>
      recordNotification(tx, { kind, organizationId: r.organizationId, eventId: r.eventId, registrationId: r.id, ticketToken: r.ticketToken });
    notifications.push(await told("registration_cancelled", cancelled));
    await publishChange(cancelled.organizationId, "registration", cancelled.id, tx);
    changedEventSlug = locked!.slug;
    if (registration.status !== "confirmed") return { registration: cancelled, promoted: null };
    const next = await tx.registration.findFirst({ where: { eventId: registration.eventId, status: "waitlisted" }, orderBy: [{ waitlistPosition: "asc" }, { createdAt: "asc" }] });
    if (!next) {
      await tx.event.update({ where: { id: registration.eventId }, data: { confirmedCount: { decrement: 1 } } });
      return { registration: cancelled, promoted: null };
    }
    const promoted = await tx.registration.update({ where: { id: next.id }, data: { status: "confirmed", waitlistPosition: null } });
    notifications.push(await told("registration_promoted", promoted));
    await publishChange(promoted.organizationId, "registration", promoted.id, tx);
    return { registration: cancelled, promoted };
  }, LOCKED_TX);
  if (changedEventSlug) revalidatePublicEvent(changedEventSlug); // a seat or a waitlist place was freed
  await notifyAfterCommit(notifications);
  return result;
}

export async function cancelRegistration(caller: Caller, registrationId: string): Promise<CancelOutcome> {
  requirePermission(caller, "attendees.manage");
  return cancel({ id: registrationId, organizationId: caller.organizationId });
}

/** The attendee's own cancel link: the ticket token is the credential. */
export async function cancelByTicket(ticketToken: string): Promise<CancelOutcome> {
  if (!/^[A-Za-z0-9]{20,64}$/.test(ticketToken)) throw notFound("registration");
  return cancel({ ticketToken });
}

export type CheckInOutcome = { registration: Row; alreadyCheckedInAt: Date | null };

/**
 * Checks someone in by registration id or ticket token (QR). A second scan reports when they were checked in. With
 * `eventId` (the event the door is for), a ticket of another event is refused (409 `other_event`) and not checked in.
 * Refusals of a known registration carry its `registrationStatus` and `name`, so the door can say who it was.
 */
export async function checkIn(caller: Caller, by: { registrationId: string } | { ticketToken: string }, options: { eventId?: string | undefined } = {}): Promise<CheckInOutcome> {
  requirePermission(caller, "checkin");
  const where = { organizationId: caller.organizationId, ...("registrationId" in by ? { id: by.registrationId } : { ticketToken: by.ticketToken }) };
  const registration = await db.registration.findFirst({ where });
  if (!registration) throw notFound("registration");
  const who = { registrationStatus: registration.status, name: registration.name };
  if (options.eventId && registration.eventId !== options.eventId) {
    const other = await db.event.findFirst({ where: { id: registration.eventId, organizationId: caller.organizationId }, select: { title: true } });
    throw new AppError("other_event", 409, `This ticket is for another event${other ? `: ${other.title}` : ""}.`, { ...who, eventId: registration.eventId, eventTitle: other?.title ?? null });
  }
  if (registration.status !== "confirmed") {
    throw new AppError("not_confirmed", 409, registration.status === "waitlisted" ? "This person is on the waitlist, not confirmed." : "This registration was cancelled.", who);
  }
  const now = new Date();
  const { count } = await db.registration.updateMany({ where: { id: registration.id, checkedInAt: null }, data: { checkedInAt: now } });
  const current = await db.registration.findUniqueOrThrow({ where: { id: registration.id } });
  if (count > 0) await publishChange(current.organizationId, "registration", current.id);
  return { registration: current, alreadyCheckedInAt: count === 0 ? current.checkedInAt : null };
}

export type PromoteOutcome = { registration: Row };

/**
 * Gives a waitlisted person a free seat (after the capacity was raised, say), ahead of the waitlist's order — the
 * organizer's choice. Under the event's lock, like every seat: 409 `event_full` when no seat is free,
 * `not_waitlisted` when they are not on the waitlist (promoting twice changes nothing the second time).
 */
export async function promoteRegistration(caller: Caller, registrationId: string): Promise<PromoteOutcome> {
  requirePermission(caller, "attendees.manage");
  const result = await db.$transaction(async (tx) => {
    const found = await tx.registration.findFirst({ where: { id: registrationId, organizationId: caller.organizationId }, select: { id: true, eventId: true } });
    if (!found) throw notFound("registration");
    const [event] = await tx.$queryRaw<{ slug: string; status: string; capacity: number; confirmedCount: number }[]>`
      SELECT slug, status::text, capacity, "confirmedCount" FROM events WHERE id = ${found.eventId} FOR UPDATE`;
    const registration = await tx.registration.findUniqueOrThrow({ where: { id: found.id } });
    if (registration.status !== "waitlisted") {
      throw new AppError("not_waitlisted", 409, registration.status === "confirmed" ? "This person already has a seat." : "This registration was cancelled.");
    }
    if (event!.status === "cancelled") throw new AppError("event_cancelled", 409, "This event has been cancelled.");
    if (event!.confirmedCount >= event!.capacity) throw new AppError("event_full", 409, "No seat is free. Raise the capacity or cancel a confirmed registration first.");
    await tx.event.update({ where: { id: found.eventId }, data: { confirmedCount: { increment: 1 } } });
    const promoted = await tx.registration.update({ where: { id: registration.id }, data: { status: "confirmed", waitlistPosition: null } });
    const notification = await recordNotification(tx, { kind: "registration_promoted", organizationId: promoted.organizationId, eventId: promoted.eventId, registrationId: promoted.id, ticketToken: promoted.ticketToken });
    await publishChange(promoted.organizationId, "registration", promoted.id, tx);
    return { promoted, slug: event!.slug, notification };
  }, LOCKED_TX);
  revalidatePublicEvent(result.slug); // a seat was taken
  await notifyAfterCommit([result.notification]);
  return { registration: result.promoted };
}

export type RegistrationSummary = { capacity: number; seatsLeft: number; confirmed: number; waitlisted: number; cancelled: number; checkedIn: number; total: number };

/** Counts for an event's attendee views: per status, checked in, seats left. */
export async function registrationSummary(caller: Caller, eventId: string): Promise<RegistrationSummary> {
  requirePermission(caller, "attendees.read");
  const event = await findEvent(caller, eventId);
  const where = { eventId, organizationId: caller.organizationId };
  const [groups, checkedIn] = await Promise.all([
    db.registration.groupBy({ by: ["status"], where, _count: true }),
    db.registration.count({ where: { ...where, checkedInAt: { not: null } } }),
  ]);
  const count = (status: string) => groups.find((g) => g.status === status)?._count ?? 0;
  const [confirmed, waitlisted, cancelled] = [count("confirmed"), count("waitlisted"), count("cancelled")];
  return { capacity: event.capacity, seatsLeft: Math.max(0, event.capacity - event.confirmedCount), confirmed, waitlisted, cancelled, checkedIn, total: confirmed + waitlisted + cancelled };
}

export async function getRegistration(caller: Caller, registrationId: string): Promise<RegistrationDto> {
  requirePermission(caller, "attendees.read");
  const registration = await db.registration.findFirst({ where: { id: registrationId, organizationId: caller.organizationId } });
  if (!registration) throw notFound("registration");
  return registrationDto(registration);
}

export const listRegistrationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
  status: z.enum(["confirmed", "waitlisted", "cancelled"]).optional(),
  q: z.string().trim().max(200).optional(),
  order: z.enum(["asc", "desc"]).default("asc").describe("`asc`: oldest first (the default); `desc`: newest first."),
});

/** A page of an event's registrations, oldest first (or newest with `order: "desc"`), with an optional status filter and name/email search. */
export async function listRegistrations(caller: Caller, eventId: string, query: Partial<z.output<typeof listRegistrationsQuery>>): Promise<{ data: RegistrationDto[]; nextCursor: string | null }> {
  requirePermission(caller, "attendees.read");
  const limit = query.limit ?? 50;
  // Scoped by organization and event, so rows prove the event is the caller's; only an empty page needs the event
  // looked up (404 for an unknown or foreign event, [] for an own event without matches): one query per page, not two.
  const rows = await db.registration.findMany({
    where: {
      eventId,
      organizationId: caller.organizationId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.q ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q.toLowerCase() } }] } : {}),
    },
    orderBy: [{ createdAt: query.order ?? "asc" }, { id: query.order ?? "asc" }],
    take: limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  if (rows.length === 0) await findEvent(caller, eventId);
  const data = rows.slice(0, limit).map(registrationDto);
  return { data, nextCursor: rows.length > limit ? data[data.length - 1]!.id : null };
}
