/**
 * The executor during an event burst: no new run begins while events arrive at `burstRate` or more per second, every
 * run goes ahead once the burst has passed, and a burst that lasts too long lets runs through one at a time.
 */
import type { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "@/tests/executor-harness";

const fixtures = (inngest: Inngest) => [inngest.createFunction({ id: "note", triggers: [{ event: "test/note" }] }, ({ event }) => Number(event.data.n))];

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness("burst", fixtures, {
    burstRate: 40,
    burstMaxDeferMs: 1_500,
  });
});

afterAll(() => h.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const begun = async (prefix: string) =>
  (await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.runs WHERE event_id LIKE $1 AND started_at IS NOT NULL", [`${prefix}%`])).rows[0]!.n;
const completed = async (prefix: string) =>
  (await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.runs WHERE event_id LIKE $1 AND status = 'completed'", [`${prefix}%`])).rows[0]!.n;

/** Sends `perTick` events every 50 ms for `ms` (perTick × 20 per second). */
async function stream(prefix: string, perTick: number, ms: number): Promise<number> {
  let n = 0;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    await h.inngest.send(Array.from({ length: perTick }, () => ({ id: `${prefix}${n}`, name: "test/note", data: { n: n++ } })));
  }
  return n;
}

describe("local executor, event bursts", () => {
  it("runs events arriving below the burst rate at once", async () => {
    const sent = await stream("calm-", 1, 600); // ~20/s, under 40
    await sleep(300);
    expect(await completed("calm-")).toBeGreaterThanOrEqual(sent - 2);
  });

  it("begins no run while a burst lasts, and every one of them after it", async () => {
    await stream("lead-", 20, 500); // 20 per 50 ms: a burst within the first 250 ms window
    const sent = await stream("burst-", 20, 1_000);
    expect(await begun("burst-")).toBe(0);
    const until = Date.now() + 10_000;
    while ((await completed("burst-")) < sent && Date.now() < until) await sleep(50);
    expect(await completed("burst-")).toBe(sent);
  });

  it("lets runs through one at a time when a burst goes on longer than burstMaxDeferMs", async () => {
    await stream("start-", 20, 500);
    await stream("long-", 20, 700);
    expect(await begun("long-")).toBe(0);
    // The same burst goes on past 1.5 s: runs begin while it lasts (checked between 200 ms stretches of it).
    let through = 0;
    for (let stretch = 0; stretch < 40 && through === 0; stretch++) {
      await stream(`longer-${stretch}-`, 20, 200);
      through = await begun("long-");
    }
    expect(through).toBeGreaterThan(0);
  });
});
