import "server-only";
import { NonRetriableError, RetryAfterError } from "inngest";
import { logger } from "@/lib/log";

/**
 * What the outbound channels (email, SMS/WhatsApp) share: how a provider attempt can fail, the error that carries
 * it out of a service, and how a job turns it into Inngest's retry semantics.
 */
export type DeliveryFailure =
  | { kind: "rate-limited"; retryAfterSeconds: number; message: string }
  | { kind: "retriable"; message: string }
  | { kind: "permanent"; message: string };
export type DeliveryResult = { kind: "sent"; providerId: string } | DeliveryFailure;

export class DeliveryError extends Error {
  constructor(readonly result: DeliveryFailure) {
    super(result.message);
    this.name = "DeliveryError";
  }
}

/** 429 → wait for the provider's retry-after; other 4xx → stop retrying; anything else → retry with backoff. */
export function toJobError(error: unknown): unknown {
  if (!(error instanceof DeliveryError)) return error;
  if (error.result.kind === "rate-limited") return new RetryAfterError(error.message, error.result.retryAfterSeconds * 1000);
  if (error.result.kind === "permanent") return new NonRetriableError(error.message);
  return error;
}

/** A `Retry-After` header as seconds: delta-seconds or an HTTP date (RFC 9110); 1 s when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number {
  const text = value?.trim() ?? "";
  const seconds = /^\d+$/.test(text) ? Number(text) : Math.ceil((Date.parse(text) - now) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 1;
}

/**
 * Inserts a row keyed by a unique idempotency key, or returns the row an earlier (or concurrent) call created.
 * `insertFirst`: for rows that are nearly always new (a reply queued once per inbound message; a repeat is a retry),
 * try the insert and look only when the key is taken: one statement instead of two on the usual path. The default
 * looks first, for callers whose `create` is costly (an email is rendered) or often repeated.
 */
export async function createOnce<T>(find: () => Promise<T | null>, create: () => Promise<T>, options: { insertFirst?: boolean } = {}): Promise<{ row: T; created: boolean }> {
  const existing = options.insertFirst ? null : await find();
  if (existing) return { row: existing, created: false };
  try {
    return { row: await create(), created: true };
  } catch (error) {
    const raced = (error as { code?: string }).code === "P2002" ? await find() : null;
    if (raced) return { row: raced, created: false };
    throw error;
  }
}

/**
 * Outbox hand-off: the row is already stored, so a job backend that does not answer must not fail the caller. The
 * row stays `queued` and the outbox sweeper (inngest/functions/sweep-outbox.ts) sends it again.
 */
export async function handOff(kind: "email" | "message", id: string, send: (id: string) => Promise<unknown>): Promise<void> {
  try {
    await send(id);
  } catch (error) {
    logger.warn({ kind, id, err: error }, "job backend did not take the delivery; the outbox sweeper will retry");
  }
}
