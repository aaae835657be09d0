import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "3";
});

const { GET: me } = await import("@/app/api/v1/me/route");
const { call, headersFor, newOrganization, addKey } = await import("@/tests/api");
const { consume, flushRateLimits } = await import("./rate-limit");
const { db } = await import("@/lib/db");

describe("rate limits (stored in Postgres)", () => {
  it("answers 429 with Retry-After once a key uses up its window, without affecting other callers", async () => {
    const { org, owner } = await newOrganization("limited");
    const key = await addKey(org.id, owner.userId, "read");
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await call(me, { headers: headersFor(key) });
      expect(response.status).toBe(200);
      remaining.push(Number(response.headers.get("ratelimit-remaining")));
    }
    expect(remaining).toEqual([2, 1, 0]);
    const limited = await call(me, { headers: headersFor(key) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    // The owner's own session is another bucket.
    expect((await call(me, { headers: headersFor(owner) })).status).toBe(200);
  });

  it("limits failed authentication per IP", async () => {
    const headers = { authorization: "Bearer evl_guessing_guessing_guessing", "x-forwarded-for": "203.0.113.7" };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(me, { headers })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another address is another bucket.
    expect((await call(me, { headers: { ...headers, "x-forwarded-for": "203.0.113.8" } })).status).toBe(401);
  });

  it("counts concurrent requests exactly (one upsert per request, no lost updates)", async () => {
    const policy = { limit: 1000, windowSeconds: 60 };
    const states = await Promise.all(Array.from({ length: 40 }, () => consume("test:concurrent", policy)));
    expect(states.map((s) => s.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 960 + i));
    // Far from the limit they were counted locally; flushed, the shared row holds every one of them.
    await flushRateLimits();
    const rows = await db.rateLimitBucket.findMany({ where: { key: "test:concurrent" } });
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(40);
  });

  it("counts in the database before answering once a caller nears its limit (exact across instances)", async () => {
    const policy = { limit: 30, windowSeconds: 60 };
    const t = Date.UTC(2026, 0, 1, 13, 0, 5);
    // Another instance already used 25 of this window's requests.
    await db.rateLimitBucket.create({ data: { key: "test:shared", windowStart: new Date(Date.UTC(2026, 0, 1, 13, 0, 0)), count: 25 } });
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await consume("test:shared", policy, t + i));
    expect(answers.map((a) => a.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(answers.map((a) => a.exceeded === true)).toEqual([false, false, false, false, false, true, true]);
  });

  it("starts a new window when the old one ends", async () => {
    const policy = { limit: 1, windowSeconds: 60 };
    const t = Date.UTC(2026, 0, 1, 12, 0, 30);
    expect((await consume("test:window", policy, t)).exceeded).toBeUndefined();
    expect((await consume("test:window", policy, t + 10_000)).exceeded).toBe(true);
    const next = await consume("test:window", policy, t + 31_000);
    expect(next.exceeded).toBeUndefined();
    expect(next.resetSeconds).toBe(59);
  });
});
