import "server-only";
import { db } from "@/lib/db";
import { Prisma, type WebhookEvent } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { changeCte, notified } from "@/lib/realtime/publish";
import { UnreadablePayload } from "./handler";
import { handlerFor } from "./handlers";

/**
 * Processing one stored delivery (the `process-webhook` job's step). The row is claimed first — `received` or
 * `failed` → `processing`, with one more attempt — so two runs never process it at once, and a processed or ignored
 * row is never processed again (a replay first puts it back to `received`, see ./service.ts). Handlers are idempotent
 * (unique keys on what they create), so a replay, or a retry after a crash mid-way, repeats nothing that happened.
 */

export type ProcessOutcome =
  | { status: "processed" | "ignored"; organizationId: string | null; note?: string; messages?: string[] }
  | { status: "skipped"; reason: "not_found" | "already_done" | "in_progress" | "purged" };

/** A run that has held `processing` this long is presumed dead (a crash): the row may be claimed again. */
export const PROCESSING_LEASE_MS = 5 * 60_000;

export class WebhookFailed extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
    this.name = "WebhookFailed";
  }
}

/**
 * `claimant` names the job run doing the work. A row in `processing` is re-claimable at once by the same run: the job
 * backend re-sends a step only when it never got its result (the app or the executor died mid-way), so the earlier
 * attempt is gone. Any other run waits for the lease. Handlers are idempotent, so even the rare overlap (a step
 * retried while the first attempt still runs) repeats nothing.
 */
async function claim(id: string, claimant: string | null): Promise<WebhookEvent | null> {
  const staleBefore = new Date(Date.now() - PROCESSING_LEASE_MS);
  const rows = await db.$queryRaw<WebhookEvent[]>`
    UPDATE webhook_events SET status = 'processing', attempts = attempts + 1, "startedAt" = now(), "lastError" = NULL, "claimedBy" = ${claimant}
    WHERE id = ${id} AND "purgedAt" IS NULL AND (
      status IN ('received', 'failed')
      OR (status = 'processing' AND ("startedAt" < ${staleBefore} OR "claimedBy" = ${claimant}))
    )
    RETURNING *`;
  return rows[0] ?? null;
}

/**
 * `deferMessages`: replies the handler queues are returned in `messages` instead of being handed to the send-message
 * job, for the caller to deliver (the process-webhook job does, right after: one request per message, not two runs).
 * `claimant`: the job run's id, so a retry of the same run (after a crash mid-step) may take the delivery back at once.
 */
export async function processWebhookEvent(id: string, options: { deferMessages?: boolean; claimant?: string } = {}): Promise<ProcessOutcome> {
  const deferMessages = options.deferMessages ?? false;
  const row = await claim(id, options.claimant ?? null);
  if (!row) {
    const current = await db.webhookEvent.findUnique({ where: { id }, select: { status: true, purgedAt: true } });
    if (!current) return { status: "skipped", reason: "not_found" };
    if (current.purgedAt) return { status: "skipped", reason: "purged" };
    if (current.status === "processing") throw new WebhookFailed("Another run is processing this webhook; retrying later.", true);
    return { status: "skipped", reason: "already_done" };
  }
  const handler = handlerFor(row.provider, row.topic);
  try {
    if (!handler) {
      await finish(id, { status: "ignored", lastError: null, organizationId: null });
      return { status: "ignored", organizationId: null, note: "no handler for this topic" };
    }
    const result = await handler(row, { deferMessages });
    const organizationId = result.organizationId ?? row.organizationId ?? null;
    await finish(id, { status: result.status, lastError: null, organizationId });
    return { status: result.status, organizationId, ...(result.note ? { note: result.note } : {}), ...(result.messages?.length ? { messages: result.messages } : {}) };
  } catch (error) {
    const unreadable = error instanceof UnreadablePayload;
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ err: error, webhookEventId: id, provider: row.provider, topic: row.topic }, "webhook processing failed");
    await finish(id, { status: "failed", lastError: message.slice(0, 2000) });
    throw new WebhookFailed(message, !unreadable);
  }
}

/** Records the outcome, and announces it to the organization's dashboards in the same statement when it has one. */
async function finish(id: string, outcome: { status: "processed" | "ignored" | "failed"; lastError: string | null; organizationId?: string | null }) {
  const organization = outcome.organizationId === undefined ? Prisma.empty : Prisma.sql`"organizationId" = ${outcome.organizationId},`;
  const update = Prisma.sql`UPDATE webhook_events SET status = ${outcome.status}::"WebhookStatus", "lastError" = ${outcome.lastError}, ${organization} "processedAt" = now() WHERE id = ${id}`;
  if (!outcome.organizationId) return db.$executeRaw`${update}`;
  return db.$executeRaw`WITH updated AS (${update} RETURNING id), ${changeCte("change", outcome.organizationId, "webhook", id, Prisma.sql`EXISTS (SELECT 1 FROM updated)`)}
    SELECT ${notified("change")}`;
}
