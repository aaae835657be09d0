import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { AppError } from "./errors";

/**
 * `Idempotency-Key` on POST: the first answer is stored and replayed for 24 h to the same caller; the same key with a
 * different request → 422; the same key while the first request is still running → 409. Server errors (5xx) are not
 * stored, so the client's retry runs again.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type StoredResponse = { status: number; headers: Record<string, string>; body: string };
export type Begin = { kind: "new"; recordId: string } | { kind: "replay"; response: StoredResponse };

export const requestHash = (method: string, path: string, body: string) => createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");

export async function beginIdempotent(scope: string, key: string, request: { method: string; path: string; body: string }): Promise<Begin> {
  if (!KEY_PATTERN.test(key)) throw new AppError("invalid_idempotency_key", 400, "Idempotency-Key must be 1–255 visible ASCII characters.");
  const hash = requestHash(request.method, request.path, request.body);
  const now = new Date();
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (existing && existing.expiresAt > now) {
      if (existing.requestHash !== hash) {
        throw new AppError("idempotency_key_reused", 422, "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
      }
      if (existing.status === null) throw new AppError("idempotency_in_progress", 409, "A request with this Idempotency-Key is still being processed. Retry shortly.", {}, { "retry-after": "1" });
      return { kind: "replay", response: { status: existing.status, headers: (existing.headers ?? {}) as Record<string, string>, body: existing.body ?? "" } };
    }
    if (existing) await db.idempotencyRecord.deleteMany({ where: { id: existing.id, expiresAt: { lte: now } } });
    try {
      const record = await db.idempotencyRecord.create({
        data: { id: newId("idm"), scope, key, method: request.method, path: request.path, requestHash: hash, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
      });
      return { kind: "new", recordId: record.id };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error; // a concurrent first request won: read it
    }
  }
  throw new AppError("idempotency_in_progress", 409, "A request with this Idempotency-Key is still being processed. Retry shortly.", {}, { "retry-after": "1" });
}

/** Stores the first answer (2xx–4xx) for replay; forgets the key after a server error so a retry runs again. */
export async function finishIdempotent(recordId: string, response: StoredResponse): Promise<void> {
  if (response.status >= 500) {
    await db.idempotencyRecord.delete({ where: { id: recordId } }).catch(() => undefined);
    return;
  }
  await db.idempotencyRecord.update({ where: { id: recordId }, data: { status: response.status, headers: response.headers, body: response.body } });
}

export async function pruneIdempotencyRecords(now = new Date()): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
