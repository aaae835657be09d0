import "server-only";
import { db } from "@/lib/db";
import { perProcess } from "@/lib/per-process";
import { AppError } from "./errors";

/**
 * Fixed-window rate limits counted in PostgreSQL, so every app instance counts against the same window.
 *
 * A busy caller far from its limit does not cost a database write per request: this process counts its requests
 * locally and adds them to the shared row at most every FLUSH_MS (one upsert for the batch). Once a caller comes
 * within SYNC_MARGIN of its limit (and for its first request in a window here), every request is counted in the database before it is answered, so the limit is
 * exact where it matters; the only slack is what other instances admitted in their last FLUSH_MS.
 *
 * Answers carry the IETF `RateLimit-*` headers (draft-ietf-httpapi-ratelimit-headers: Limit, Remaining, Reset in
 * seconds) and `RateLimit-Policy`.
 */
export type RateLimitPolicy = { limit: number; windowSeconds: number };
export type RateLimitState = RateLimitPolicy & { remaining: number; resetSeconds: number; exceeded?: true };

const FLUSH_MS = 100;
const syncMargin = (limit: number) => Math.max(10, Math.ceil(limit * 0.1));

type Counter = { window: number; windowMs: number; known: number; synced: boolean; pending: number; timer?: ReturnType<typeof setTimeout>; flushing?: Promise<void> };
const counters = perProcess("rateLimitCounters", () => new Map<string, Counter>());

async function addToRow(key: string, windowStart: Date, amount: number): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, "windowStart", count) VALUES (${key}, ${windowStart}, ${amount})
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = rate_limit_buckets.count + ${amount}
    RETURNING count`;
  return row!.count;
}

function flush(key: string, counter: Counter): Promise<void> {
  counter.timer = undefined;
  const amount = counter.pending;
  if (amount === 0) return Promise.resolve();
  counter.pending = 0;
  const flushing = addToRow(key, new Date(counter.window * counter.windowMs), amount)
    .then((total) => {
      counter.known = Math.max(counter.known, total);
    })
    .catch(() => {
      counter.pending += amount; // try again with the next flush
    })
    .finally(() => {
      if (counter.flushing === flushing) counter.flushing = undefined;
    });
  counter.flushing = flushing;
  return flushing;
}

export async function consume(key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitState> {
  const windowMs = policy.windowSeconds * 1000;
  const window = Math.floor(now / windowMs);
  const resetSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
  let counter = counters.get(key);
  if (!counter || counter.window !== window) {
    if (counter?.timer) clearTimeout(counter.timer);
    if (counter?.pending) void flush(key, counter); // the old window's last requests still count there
    counter = { window, windowMs, known: 0, synced: false, pending: 0 };
    counters.set(key, counter);
    if (counters.size > 50_000) for (const [k, c] of counters) if (c.window !== window && !c.pending) counters.delete(k);
    if (Math.random() < 0.01) void prune(now);
  }

  const estimate = counter.known + counter.pending + 1;
  let used: number;
  if (!counter.synced || policy.limit - estimate < syncMargin(policy.limit)) {
    // First request of the window here (learn what other instances used), or near the limit: count this request in
    // the shared row (with anything still pending) and decide on the total.
    if (counter.timer) clearTimeout(counter.timer);
    counter.timer = undefined;
    const amount = counter.pending + 1;
    counter.pending = 0;
    used = await addToRow(key, new Date(window * windowMs), amount);
    counter.known = Math.max(counter.known, used);
    counter.synced = true;
  } else {
    counter.pending += 1;
    used = estimate;
    const c = counter;
    c.timer ??= setTimeout(() => void flush(key, c), FLUSH_MS);
  }
  return { ...policy, remaining: Math.max(0, policy.limit - used), resetSeconds, ...(used > policy.limit ? { exceeded: true as const } : {}) };
}

/** Writes every locally counted request to the database now (tests, shutdown). */
export async function flushRateLimits(): Promise<void> {
  await Promise.all(
    [...counters.entries()].map(([key, c]) => {
      if (c.timer) clearTimeout(c.timer);
      return Promise.all([c.flushing, flush(key, c)]);
    }),
  );
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
  if (state.exceeded) {
    throw new AppError("rate_limited", 429, `Too many requests: ${state.limit} per ${state.windowSeconds} s. Try again in ${state.resetSeconds} s.`, {}, { ...headers, "retry-after": String(state.resetSeconds) });
  }
  return headers;
}
