import "server-only";
import { after } from "next/server";
import { readBodyText } from "@/lib/api/body";
import { AppError, serviceUnavailable } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { perProcess } from "@/lib/per-process";
import { webhookReceived } from "@/inngest/events";
import { MAX_EVENTS_PER_REQUEST, sendEvents } from "@/inngest/send";
import { handlerFor } from "./handlers";
import type { ProviderName, RejectionReason, WebhookProvider } from "./provider";

/**
 * Capture: verify the raw body → store it (one INSERT, deduplicated on the provider's id) → acknowledge. Only after
 * the answer has gone out is the job event sent (its id is the row's id, so a re-send by the sweeper is deduplicated by
 * the job backend). Nothing is acknowledged that is not stored: when the insert fails the provider gets a 503 and
 * delivers again.
 */

/** The public URL the provider called: APP_URL's origin with the request's path and query (Twilio signs this). */
export function publicUrl(request: Request): string {
  const url = new URL(request.url);
  return `${env.APP_URL.replace(/\/+$/, "")}${url.pathname}${url.search}`;
}

export async function receiveWebhook(provider: WebhookProvider, request: Request): Promise<Response> {
  const secret = provider.secret();
  if (!secret) {
    await countRejection(provider.name, "not_configured");
    throw serviceUnavailable(`${provider.name} webhooks are not configured on this server.`, "webhook_not_configured");
  }
  let rawBody: string;
  try {
    rawBody = await readBodyText(request);
  } catch (error) {
    if (error instanceof AppError && error.status === 413) await countRejection(provider.name, "too_large");
    throw error;
  }
  const verified = provider.verify({ url: publicUrl(request), headers: request.headers, rawBody, secret });
  if (!verified.ok) {
    await countRejection(provider.name, verified.reason);
    const detail = verified.reason === "stale" ? "The webhook timestamp is more than 5 minutes away from now." : "The webhook signature is missing or does not match.";
    throw new AppError(verified.reason === "stale" ? "stale_webhook" : "invalid_signature", 401, detail);
  }

  // PostgreSQL text cannot hold U+0000. No provider sends it, but a signed delivery carrying it must still be stored
  // (with U+FFFD in its place) and marked unreadable: refused with 503 it would be redelivered forever.
  const hasNul = [rawBody, verified.externalId, verified.topic].some((text) => text.includes("\u0000"));
  const unreadable = verified.unreadable ?? (hasNul ? "The delivery contains NUL characters." : undefined);
  const state = unreadable ? "failed" : handlerFor(provider.name, verified.topic) ? "received" : "ignored";
  const id = newId("whk");
  let inserted: boolean;
  try {
    inserted = await store({
      id,
      provider: provider.name,
      externalId: withoutNul(verified.externalId),
      topic: withoutNul(verified.topic),
      headers: JSON.stringify(verified.headers),
      rawBody: withoutNul(rawBody),
      status: state,
      lastError: unreadable ?? null,
      processedAt: state === "received" ? null : new Date(),
    });
  } catch (error) {
    logger.error({ err: error, provider: provider.name }, "webhook could not be stored; asking the provider to retry");
    metrics.webhooks.inc({ provider: provider.name, outcome: "unavailable" });
    throw serviceUnavailable("The webhook could not be stored; deliver it again.", "webhook_storage_unavailable");
  }
  metrics.webhooks.inc({ provider: provider.name, outcome: inserted ? "stored" : "duplicate" });
  if (inserted && state === "received") later(() => announceSoon(id));
  return provider.acknowledge();
}

const withoutNul = (text: string) => text.replaceAll("\u0000", "\ufffd");

type Delivery = {
  id: string;
  provider: ProviderName;
  externalId: string;
  topic: string;
  headers: string;
  rawBody: string;
  status: "received" | "failed" | "ignored";
  lastError: string | null;
  processedAt: Date | null;
};

/**
 * Stores a delivery; false when the provider's id was stored already (a duplicate). Deliveries arriving in the same
 * turn of the event loop share one INSERT (a group commit): under load that is one statement, one plan and one WAL
 * flush for many acknowledgements instead of one each, and alone it waits for nothing (`setImmediate`). Each caller's
 * promise settles only when its own row is committed or known to be a duplicate. When a shared INSERT fails, each row
 * is tried on its own, so one bad delivery cannot fail the others; when the database is down every one fails (503).
 */
const grouped = perProcess("webhookStore", () => ({ queue: [] as { delivery: Delivery; settle: (error: Error | null, inserted?: boolean) => void }[], scheduled: false }));

function store(delivery: Delivery): Promise<boolean> {
  return new Promise((resolve, reject) => {
    grouped.queue.push({ delivery, settle: (error, inserted) => (error ? reject(error) : resolve(inserted!)) });
    if (!grouped.scheduled) {
      grouped.scheduled = true;
      setImmediate(() => void flushStore());
    }
  });
}

async function flushStore(): Promise<void> {
  grouped.scheduled = false;
  const batch = grouped.queue.splice(0, grouped.queue.length);
  try {
    const stored = await insertDeliveries(batch.map((b) => b.delivery));
    for (const { delivery, settle } of batch) settle(null, stored.has(delivery.id));
  } catch (error) {
    if (batch.length === 1) return batch[0]!.settle(asError(error));
    for (const { delivery, settle } of batch) {
      try {
        settle(null, (await insertDeliveries([delivery])).has(delivery.id));
      } catch (single) {
        settle(asError(single));
      }
    }
  }
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** One INSERT for all rows; deduplicated on (provider, externalId), also within the batch. Returns the stored ids. */
async function insertDeliveries(rows: Delivery[]): Promise<Set<string>> {
  const column = <K extends keyof Delivery>(key: K) => rows.map((row) => row[key]);
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO webhook_events (id, provider, "externalId", topic, headers, "rawBody", status, "lastError", "processedAt")
    SELECT id, provider, "externalId", topic, headers::jsonb, "rawBody", status::"WebhookStatus", "lastError", "processedAt"
    FROM unnest(${column("id")}::text[], ${column("provider")}::text[], ${column("externalId")}::text[], ${column("topic")}::text[],
                ${column("headers")}::text[], ${column("rawBody")}::text[], ${column("status")}::text[], ${column("lastError")}::text[],
                ${column("processedAt")}::timestamp(3)[])
      AS d(id, provider, "externalId", topic, headers, "rawBody", status, "lastError", "processedAt")
    ON CONFLICT (provider, "externalId") DO NOTHING
    RETURNING id`;
  return new Set(inserted.map((row) => row.id));
}

export type Announcement = { webhookEventId: string; eventId: string };

/**
 * Sends the job events of stored deliveries, many per request (`sendEvents`). A failure is only logged: the rows stay
 * `received` for the sweeper.
 */
export async function announceAll(announcements: readonly Announcement[]): Promise<void> {
  try {
    await sendEvents(webhookReceived, announcements.map(({ webhookEventId, eventId }) => ({ data: { webhookEventId }, id: eventId })));
  } catch (error) {
    const first = announcements[0]!.webhookEventId;
    logger.warn({ err: error, count: announcements.length, webhookEventId: first }, "job backend did not take the webhook events; the sweeper will re-send them");
  }
}

/** Sends the job event for one stored delivery (its id, or `eventId` for a replay); see `announceAll`. */
export const announce = (webhookEventId: string, options: { eventId?: string } = {}) => announceAll([{ webhookEventId, eventId: options.eventId ?? webhookEventId }]);

/**
 * Announcements of fresh deliveries are coalesced, like the rows themselves: at most one request to the job backend is
 * in flight per process, and at most one starts every ANNOUNCE_GAP_MS; whatever is stored meanwhile waits and goes in
 * the next request (up to MAX_EVENTS_PER_REQUEST events). Alone, a delivery is announced at once; in a burst the
 * batches grow with the rate instead of the requests (measured: one request per 2–3 deliveries cost 45% of the
 * route's throughput).
 * Each caller's promise settles when its batch was sent (or failed: the sweeper then re-sends), so `after()` keeps a
 * serverless function alive until then. The gap is 100 ms (decision 101): against 20 ms it took the route from 70% to
 * 88–93% of a trivial route's throughput and the reply pipeline from ~36 to ~29 ms of CPU per message, and a delivery
 * waits at most that long for its announcement, only while announcements are coming faster than one per gap.
 */
const ANNOUNCE_GAP_MS = 100;
type Pending = { webhookEventId: string; done: () => void };
const announcer = perProcess("webhookAnnouncer", () => ({ queue: [] as Pending[], busy: false, lastAt: 0 }));

export function announceSoon(webhookEventId: string): Promise<void> {
  return new Promise((done) => {
    announcer.queue.push({ webhookEventId, done });
    if (!announcer.busy) void flushAnnouncements();
  });
}

async function flushAnnouncements(): Promise<void> {
  announcer.busy = true;
  try {
    while (announcer.queue.length > 0) {
      const wait = announcer.lastAt + ANNOUNCE_GAP_MS - Date.now();
      // setImmediate at least: deliveries stored in this same turn of the event loop join this request.
      await new Promise((resume) => (wait > 0 ? setTimeout(resume, wait) : setImmediate(resume)));
      announcer.lastAt = Date.now();
      const batch = announcer.queue.splice(0, MAX_EVENTS_PER_REQUEST);
      try {
        await announceAll(batch.map(({ webhookEventId }) => ({ webhookEventId, eventId: webhookEventId })));
      } finally {
        for (const pending of batch) pending.done();
      }
    }
  } finally {
    announcer.busy = false;
  }
}

/**
 * The job event id for a row waiting in `received`: the row's id for its first processing, a replay id after that
 * (a replay puts a processed row back to `received`; its attempts say which replay this is).
 */
export const announcementId = (webhookEventId: string, attempts: number) => (attempts === 0 ? webhookEventId : `${webhookEventId}-replay-${attempts}`);

/** Runs `task` after the response (Next's `after`), or at once when called outside a request (tests, scripts). */
function later(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}

/** Counts a refused delivery; nothing else about it is stored. Never throws (the database may be what is failing). */
async function countRejection(provider: ProviderName, reason: RejectionReason): Promise<void> {
  logger.warn({ provider, reason }, "webhook refused");
  metrics.webhooks.inc({ provider, outcome: `rejected_${reason}` });
  try {
    await db.$executeRaw`
      INSERT INTO webhook_rejections (provider, reason, count, "lastAt") VALUES (${provider}, ${reason}, 1, now())
      ON CONFLICT (provider, reason) DO UPDATE SET count = webhook_rejections.count + 1, "lastAt" = now()`;
  } catch {
    // counted in the log line above
  }
}
