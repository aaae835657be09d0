import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { PROCESSING_LEASE_MS } from "./process";
import { announceAll, announcementId } from "./inbox";

/**
 * Re-announces deliveries whose job event never started a run: still `received` a minute after they arrived (the job
 * backend was down, or the process died between the answer and `after()`), or stuck in `processing` past the lease (a
 * run that crashed). A `received` row is re-sent with its own id, which the job backend deduplicates if the first
 * send did arrive; a stuck one gets a new id (its run is gone).
 */
export async function sweepWebhooks(options: { olderThanMs?: number; limit?: number; send?: typeof announceAll } = {}): Promise<{ resent: number; restarted: number }> {
  const send = options.send ?? announceAll;
  const limit = options.limit ?? 1000;
  const receivedBefore = new Date(Date.now() - (options.olderThanMs ?? 60_000));
  const stuckBefore = new Date(Date.now() - PROCESSING_LEASE_MS);
  const [waiting, stuck] = await Promise.all([
    db.webhookEvent.findMany({ where: { status: "received", receivedAt: { lte: receivedBefore } }, select: { id: true, attempts: true }, orderBy: { receivedAt: "asc" }, take: limit }),
    db.webhookEvent.findMany({ where: { status: "processing", startedAt: { lte: stuckBefore } }, select: { id: true, attempts: true }, take: limit }),
  ]);
  // In one go (a request per 500 events), not one request per row: a minute's backlog must not take a minute to re-send.
  const announcements = [
    ...waiting.map(({ id, attempts }) => ({ webhookEventId: id, eventId: announcementId(id, attempts) })),
    ...stuck.map(({ id, attempts }) => ({ webhookEventId: id, eventId: `${id}-restart-${attempts}` })),
  ];
  if (announcements.length > 0) await send(announcements);
  return { resent: waiting.length, restarted: stuck.length };
}

/**
 * Removes raw bodies and headers older than the retention period (WEBHOOK_RETENTION_DAYS) from deliveries that are
 * done; the row, its status, attempts, error and timings stay. In batches, so a large backlog never holds long locks.
 */
export async function purgeWebhookPayloads(options: { retentionDays?: number; batch?: number; now?: Date } = {}): Promise<{ purged: number }> {
  const days = options.retentionDays ?? env.WEBHOOK_RETENTION_DAYS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const batch = options.batch ?? 1000;
  let purged = 0;
  for (;;) {
    const count = await db.$executeRaw`
      UPDATE webhook_events SET "rawBody" = '', headers = '{}'::jsonb, "purgedAt" = now()
      WHERE id IN (
        SELECT id FROM webhook_events
        WHERE "receivedAt" < ${cutoff} AND "purgedAt" IS NULL AND status IN ('processed', 'ignored', 'failed')
        LIMIT ${batch}
      )`;
    purged += count;
    if (count < batch) return { purged };
  }
}
