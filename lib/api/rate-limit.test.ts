import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "3";
});

const { GET: me } = await import("@/app/api/v1/me/route");
const { call, headersFor, newOrganization, addKey } = await import("@/tests/api");
const { consume } = await import("./rate-limit");

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

  it("counts concurrent requests exactly (one upsert per request, no lost updates)", async () => {
    const policy = { limit: 1000, windowSeconds: 60 };
    const states = await Promise.all(Array.from({ length: 40 }, () => consume("test:concurrent", policy)));
    expect(states.map((s) => s.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 960 + i));
  });

  it("starts a new window when the old one ends", async () => {
    const policy = { limit: 1, windowSeconds: 60 };
    const t = Date.UTC(2026, 0, 1, 12, 0, 30);
    expect("exceeded" in (await consume("test:window", policy, t))).toBe(false);
    expect("exceeded" in (await consume("test:window", policy, t + 10_000))).toBe(true);
    const next = await consume("test:window", policy, t + 31_000);
    expect("exceeded" in next).toBe(false);
    expect(next.resetSeconds).toBe(59);
  });
});
