import "server-only";
import { db } from "@/lib/db";
import { type NotificationKind, type Prisma } from "@/lib/generated/prisma/client";
import { randomToken } from "@/lib/ids";
import { logger } from "@/lib/log";
import { eventCancelled, eventRescheduled, registrationChanged, type ChangeKind, type Senders } from "@/lib/registrations/notifications";
import { afterCommit } from "./after-commit";

/**
 * The notification outbox. A service that changes something attendees must hear about records a row here in the
 * same transaction as the change (`recordNotification`), so the change and the promise to tell people commit
 * together. After the commit the row is processed (`processNotification`: queue the emails, send the job events,
 * mark it done), off the request path when there is a request (`afterCommit`). Whatever did not finish (a crash,
 * the job backend down) is picked up by `sweepNotifications` (the `sweep-outbox` cron job) once it is a minute old.
 *
 * Nothing is sent twice: a row is claimed before it is processed (`lockedUntil`, a conditional update), each email
 * has an idempotency key, and each job event a deterministic id that the job backend dedupes for 24 h; processing a
 * row again after a partial failure repeats only what had not happened.
 */
type Tx = Prisma.TransactionClient;

export type NotificationInput = {
  kind: NotificationKind;
  organizationId: string;
  eventId: string;
  registrationId?: string | null;
  ticketToken?: string | null;
};

/** How long a processor owns a claimed row before someone else may try it. */
const CLAIM_MS = 2 * 60_000;
/** After this many failed attempts the row is left `failed` for an operator (at one try a minute or slower: days). */
const MAX_ATTEMPTS = 500;

/** Records what attendees must be told, inside the caller's transaction. Returns the row id. */
export async function recordNotification(tx: Tx, input: NotificationInput): Promise<string> {
  const id = `ntf_${randomToken(22)}`;
  await tx.notificationOutbox.create({
    data: { id, kind: input.kind, organizationId: input.organizationId, eventId: input.eventId, registrationId: input.registrationId ?? null, ticketToken: input.ticketToken ?? null },
  });
  return id;
}

/** Records many notifications in one statement (bulk registration); returns the row ids in input order. */
export async function recordNotifications(tx: Tx, inputs: readonly NotificationInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input) => ({ id: `ntf_${randomToken(22)}`, kind: input.kind, organizationId: input.organizationId, eventId: input.eventId, registrationId: input.registrationId ?? null, ticketToken: input.ticketToken ?? null }));
  await tx.notificationOutbox.createMany({ data: rows });
  return rows.map((r) => r.id);
}

const CHANGE: Partial<Record<NotificationKind, ChangeKind>> = {
  registration_confirmed: "confirmed",
  registration_waitlisted: "waitlisted",
  registration_promoted: "promoted",
  registration_cancelled: "cancelled",
};

export type ProcessOutcome = "done" | "skipped" | "failed" | "retry";

/**
 * Processes one row if it is pending and nobody else holds it: "skipped" when it was done or claimed already.
 * Never throws: a failure is recorded on the row (back-off: the claim is extended by a minute per attempt, at most
 * 30) and the sweeper tries again.
 */
export async function processNotification(id: string, senders: Senders = {}, now = new Date()): Promise<ProcessOutcome> {
  const claimed = await db.notificationOutbox.updateMany({
    where: { id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped";
  const row = await db.notificationOutbox.findUniqueOrThrow({ where: { id } });
  try {
    await deliver(row, senders);
    await db.notificationOutbox.update({ where: { id }, data: { status: "done", processedAt: new Date(), lockedUntil: null, lastError: null } });
    return "done";
  } catch (error) {
    const message = error instanceof AggregateError ? error.errors.map(String).join("; ") : String(error);
    const final = row.attempts >= MAX_ATTEMPTS;
    logger.warn({ notificationId: id, kind: row.kind, attempts: row.attempts, err: error }, final ? "notification failed for good" : "notification not delivered yet; the outbox sweeper will retry");
    await db.notificationOutbox.update({
      where: { id },
      data: { lastError: message.slice(0, 2_000), ...(final ? { status: "failed" as const } : { lockedUntil: new Date(now.getTime() + Math.min(row.attempts, 30) * 60_000) }) },
    });
    return final ? "failed" : "retry";
  }
}

async function deliver(row: Prisma.NotificationOutboxGetPayload<object>, senders: Senders): Promise<void> {
  const change = CHANGE[row.kind];
  if (change) {
    const registration = row.registrationId ? await db.registration.findUnique({ where: { id: row.registrationId } }) : null;
    if (!registration) return; // deleted with its event: nobody left to tell
    // Keys and links belong to the ticket of the moment of the change (a later re-registration has a new one).
    await registrationChanged({ kind: change, registration: { ...registration, ticketToken: row.ticketToken ?? registration.ticketToken } }, senders);
    return;
  }
  if (row.kind === "event_cancelled") return eventCancelled(row.eventId, senders);
  if (row.kind === "event_rescheduled") return eventRescheduled(row.eventId, row.id, senders);
}

/** Processes rows one after another (in the order the changes happened); never throws. */
export async function processNotifications(ids: readonly string[], senders: Senders = {}, now?: Date): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = [];
  for (const id of ids) outcomes.push(await processNotification(id, senders, now));
  return outcomes;
}

/** After the transaction that recorded `ids` committed: process them after the response, or now outside a request. */
export async function notifyAfterCommit(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await afterCommit(async () => {
    await processNotifications(ids);
  });
}

/**
 * The sweeper: processes rows still pending `olderThanMs` after they were recorded (the post-commit processing
 * crashed, or failed and its back-off has passed), oldest first.
 */
export async function sweepNotifications(olderThanMs = 60_000, senders: Senders = {}, limit = 200, now = new Date()): Promise<{ processed: number; done: number }> {
  const rows = await db.notificationOutbox.findMany({
    where: { status: "pending", createdAt: { lte: new Date(now.getTime() - olderThanMs) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const outcomes = await processNotifications(rows.map((r) => r.id), senders, now);
  return { processed: rows.length, done: outcomes.filter((o) => o === "done").length };
}
