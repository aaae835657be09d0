import "server-only";
import { db } from "@/lib/db";
import { AppError } from "./errors";

/**
 * Fixed-window rate limits stored in PostgreSQL, so every app instance counts against the same window. One upsert
 * per request; old windows are deleted now and then. Answers carry the IETF `RateLimit-*` headers
 * (draft-ietf-httpapi-ratelimit-headers: Limit, Remaining, Reset in seconds) and `RateLimit-Policy`.
 */
export type RateLimitPolicy = { limit: number; windowSeconds: number };
export type RateLimitState = RateLimitPolicy & { remaining: number; resetSeconds: number };

export async function consume(key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitState> {
  const windowMs = policy.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, "windowStart", count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = rate_limit_buckets.count + 1
    RETURNING count`;
  if (Math.random() < 0.001) void prune(now);
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
  return { ...policy, remaining: Math.max(0, policy.limit - row!.count), resetSeconds, ...(row!.count > policy.limit ? { exceeded: true } : {}) };
}

async function prune(now: number): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now - 3_600_000) } } }).catch(() => undefined);
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSeconds),
    "ratelimit-policy": `${state.limit};w=${state.windowSeconds}`,
  };
}

/** Counts the request; throws 429 with `Retry-After` once the window's allowance is used up. */
export async function enforceRateLimit(key: string, policy: RateLimitPolicy): Promise<Record<string, string>> {
  const state = await consume(key, policy);
  const headers = rateLimitHeaders(state);
  if ("exceeded" in state) {
    throw new AppError("rate_limited", 429, `Too many requests: ${state.limit} per ${state.windowSeconds} s. Try again in ${state.resetSeconds} s.`, {}, { ...headers, "retry-after": String(state.resetSeconds) });
  }
  return headers;
}
