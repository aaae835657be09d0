/**
 * Contract test: fixture functions defined with the real Inngest SDK, served by its real serve handler over HTTP,
 * driven by the local executor against the real test PostgreSQL. Nothing of ours is stubbed.
 */
import { NonRetriableError, eventType, type Inngest } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getRun, listRuns, rerun } from "@/lib/jobs/runs";
import { startHarness, until } from "@/tests/executor-harness";
import { priorityOf } from "./executor";

const calls: Record<string, number> = {};
const count = (key: string) => (calls[key] = (calls[key] ?? 0) + 1);
const flags = { rerunShouldSucceed: false };
const orderPlaced = eventType("test/order.placed", { schema: z.object({ orderId: z.string() }) });

const fixtures = (inngest: Inngest) => [
  inngest.createFunction({ id: "three-steps", retries: 3, triggers: [{ event: "test/three" }] }, async ({ event, step, attempt }) => {
    const a = await step.run("a", () => (count(`a:${String(event.data.key)}`), 1));
    await step.sleep("nap", "300ms");
    const b = await step.run("b", () => {
      count(`b:${String(event.data.key)}`);
      if (attempt < 1) throw new Error("flaky");
      return a + 1;
    });
    const c = await step.run("c", () => (count(`c:${String(event.data.key)}`), b + 1));
    return { c };
  }),
  inngest.createFunction({ id: "always-fails", retries: 2, triggers: [{ event: "test/fail" }], onFailure: ({ event }) => {
    count(`onFailure:${String((event.data as { event: { data: { key: string } } }).event.data.key)}`);
  } }, async ({ event, step }) => {
    await step.run("boom", () => {
      count(`boom:${String(event.data.key)}`);
      if (flags.rerunShouldSucceed) return "fine now";
      throw new Error("permanently broken");
    });
    return "done";
  }),
  inngest.createFunction({ id: "non-retriable", retries: 3, triggers: [{ event: "test/nonretriable" }] }, async ({ step }) => {
    await step.run("refuse", () => {
      count("refuse");
      throw new NonRetriableError("bad input, do not retry");
    });
  }),
  inngest.createFunction({ id: "waiter", triggers: [{ event: "test/wait" }] }, async ({ event, step }) => {
    const reply = await step.waitForEvent("reply", { event: "test/reply", timeout: String(event.data.timeout), match: "data.key" });
    return { got: reply ? reply.data : null };
  }),
  inngest.createFunction({ id: "parallel", triggers: [{ event: "test/parallel" }] }, async ({ step }) => {
    const [x, y] = await Promise.all([step.run("x", () => (count("x"), 2)), step.run("y", () => (count("y"), 3))]);
    await step.sendEvent("fan-out", { name: "test/three", data: { key: "from-parallel" } });
    return x * y;
  }),
  inngest.createFunction({ id: "typed", triggers: [orderPlaced] }, ({ event }) => ({ orderId: event.data.orderId })),
  inngest.createFunction({ id: "throttled", throttle: { limit: 2, period: "1s" }, triggers: [{ event: "test/throttled" }] }, () => Date.now()),
  inngest.createFunction({ id: "ticker", triggers: [{ cron: "* * * * * *" }] }, () => (count("tick"), "tick")),
  inngest.createFunction({ id: "urgent", priority: { run: "event.data.ahead" }, triggers: [{ event: "test/urgent" }] }, () => "urgent"),
];

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness("fixture", fixtures);
});

afterEach(() => {
  flags.rerunShouldSucceed = false;
});

afterAll(async () => {
  await h.stop();
});

describe("local executor × real Inngest serve handler", () => {
  it("syncs every function of the app", () => {
    expect(h.executor.functionIds.sort()).toEqual(
      ["always-fails", "always-fails-failure", "non-retriable", "parallel", "three-steps", "throttled", "ticker", "typed", "urgent", "waiter"].map((id) => `fixture-${id}`).sort(),
    );
  });

  it("runs steps, a sleep and a retry to completion; a recorded step never runs again", async () => {
    const { ids } = await h.inngest.send({ name: "test/three", data: { key: "k1" } });
    const run = await h.waitForRun("three-steps", ids[0]!);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ c: 3 });
    expect(calls["a:k1"]).toBe(1);
    expect(calls["b:k1"]).toBe(2); // failed once, then succeeded
    expect(calls["c:k1"]).toBe(1);
    const { rows } = await h.pool.query<{ name: string; op: string }>(
      "SELECT name, op FROM inngest_local.step_log WHERE run_id = $1 ORDER BY id",
      [run.id],
    );
    expect(rows.map((r) => `${r.name}:${r.op}`)).toEqual(["a:StepRun", "nap:Sleep", "b:StepError", "b:StepRun", "c:StepRun"]);
  });

  it("ignores a duplicate event id", async () => {
    await h.inngest.send({ id: "dup-1", name: "test/three", data: { key: "dup" } });
    await h.inngest.send({ id: "dup-1", name: "test/three", data: { key: "dup" } });
    await h.waitForRun("three-steps", "dup-1");
    const { rows } = await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.runs WHERE event_id = 'dup-1'");
    expect(rows[0]?.n).toBe(1);
    expect(calls["a:dup"]).toBe(1);
  });

  it("takes a batch in one request: each new event starts its runs once, repeated ids (in the batch or seen before) do not", async () => {
    await h.inngest.send({ id: "batch-seen", name: "test/three", data: { key: "batch-seen" } });
    const { ids } = await h.inngest.send([
      { id: "batch-1", name: "test/three", data: { key: "batch-1" } },
      { id: "batch-seen", name: "test/three", data: { key: "batch-seen" } },
      { id: "batch-2", name: "test/typed", data: {} },
      { id: "batch-1", name: "test/three", data: { key: "batch-1" } },
      { id: "batch-3", name: "test/order.placed", data: { orderId: "o-3" } },
    ]);
    expect(ids).toEqual(["batch-1", "batch-seen", "batch-2", "batch-1", "batch-3"]);
    await h.waitForRun("three-steps", "batch-1");
    await h.waitForRun("typed", "batch-3");
    const { rows } = await h.pool.query<{ event_id: string; n: number }>(
      "SELECT event_id, count(*)::int AS n FROM inngest_local.runs WHERE event_id LIKE 'batch-%' GROUP BY event_id ORDER BY event_id",
    );
    // batch-2 is an event no function listens to: stored, no run.
    expect(rows).toEqual([{ event_id: "batch-1", n: 1 }, { event_id: "batch-3", n: 1 }, { event_id: "batch-seen", n: 1 }]);
    const { rows: events } = await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.events WHERE id LIKE 'batch-%'");
    expect(events[0]?.n).toBe(4);
    expect(calls["a:batch-1"]).toBe(1);
  });

  it("resumes a run after the executor restarts in the middle of it", async () => {
    const { ids } = await h.inngest.send({ name: "test/three", data: { key: "restart" } });
    // Wait until step "a" is recorded and the run sleeps, then replace the executor with a fresh one.
    await until(() => Boolean(calls["a:restart"]), 5_000);
    await h.restartExecutor();
    const run = await h.waitForRun("three-steps", ids[0]!);
    expect(run.status).toBe("completed");
    expect(calls["a:restart"]).toBe(1);
    expect(calls["c:restart"]).toBe(1);
  });

  it("keeps a run when the app is down for a while, and finishes it when the app is back", async () => {
    const { ids } = await h.inngest.send({ name: "test/three", data: { key: "app-down" } });
    await until(() => Boolean(calls["a:app-down"]));
    await h.stopApp();
    await new Promise((r) => setTimeout(r, 700)); // past the sleep: calls fail, the run waits
    expect((await h.waitForRun("three-steps", ids[0]!, ["queued", "running"])).status).toMatch(/queued|running/);
    await h.startApp();
    const run = await h.waitForRun("three-steps", ids[0]!);
    expect(run.status).toBe("completed");
    expect(calls["a:app-down"]).toBe(1);
  });

  it("marks a function that keeps failing as failed after its retries, runs onFailure, and can re-run it", async () => {
    const { ids } = await h.inngest.send({ name: "test/fail", data: { key: "f1" } });
    const run = await h.waitForRun("always-fails", ids[0]!);
    expect(run.status).toBe("failed");
    expect(calls["boom:f1"]).toBe(3); // retries: 2 → three attempts
    expect(JSON.stringify(run.error)).toContain("permanently broken");
    await until(() => Boolean(calls["onFailure:f1"]), 5_000);
    expect(calls["onFailure:f1"]).toBe(1);

    // Job visibility (lib/jobs/runs): the failed run is listed with its steps and last error, and can be re-run.
    const failed = await listRuns({ status: "failed", functionId: "fixture-always-fails" });
    expect(failed.map((r) => r.id)).toContain(run.id);
    const detail = await getRun(run.id);
    expect(detail.lastError).toContain("permanently broken");
    expect(detail.attempts).toBe(3);
    expect(detail.steps.map((step) => `${step.name}:${step.op}`)).toEqual(["boom:StepError", "boom:StepError", "boom:StepFailed"]);

    flags.rerunShouldSucceed = true;
    const { id: rerunId } = await rerun(run.id);
    let status = "";
    await until(async () => (status = (await getRun(rerunId)).status) === "completed");
    expect(status).toBe("completed");
    expect((await getRun(rerunId)).rerunOf).toBe(run.id);
    await expect(rerun("run_does_not_exist")).rejects.toMatchObject({ status: 404 });
  });

  it("does not retry a NonRetriableError", async () => {
    const { ids } = await h.inngest.send({ name: "test/nonretriable", data: {} });
    const run = await h.waitForRun("non-retriable", ids[0]!);
    expect(run.status).toBe("failed");
    expect(calls.refuse).toBe(1);
    expect(JSON.stringify(run.error)).toContain("bad input, do not retry");
  });

  it("resumes waitForEvent on a matching event, ignoring non-matching ones", async () => {
    const { ids } = await h.inngest.send({ name: "test/wait", data: { key: "w1", timeout: "10s" } });
    await h.waitForRun("waiter", ids[0]!, ["waiting"]);
    await h.inngest.send({ name: "test/reply", data: { key: "someone-else", answer: "no" } });
    await h.inngest.send({ name: "test/reply", data: { key: "w1", answer: "yes" } });
    const run = await h.waitForRun("waiter", ids[0]!);
    expect(run.output).toEqual({ got: { key: "w1", answer: "yes" } });
  });

  it("times out waitForEvent with null", async () => {
    const { ids } = await h.inngest.send({ name: "test/wait", data: { key: "w2", timeout: "300ms" } });
    const run = await h.waitForRun("waiter", ids[0]!);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ got: null });
  });

  it("runs parallel steps once each and delivers step.sendEvent", async () => {
    const { ids } = await h.inngest.send({ name: "test/parallel", data: {} });
    const run = await h.waitForRun("parallel", ids[0]!);
    expect(run.output).toBe(6);
    expect(calls.x).toBe(1);
    expect(calls.y).toBe(1);
    await until(() => Boolean(calls["c:from-parallel"]), 5_000);
    expect(calls["c:from-parallel"]).toBe(1);
  });

  it("honours throttle: at most `limit` runs begin per period", async () => {
    const { ids } = await h.inngest.send(Array.from({ length: 6 }, (_, i) => ({ name: "test/throttled", data: { i } })));
    const runs = await Promise.all(ids.map((id) => h.waitForRun("throttled", id, ["completed", "failed"], 30_000)));
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    // When the executor let each run begin (its throttle's clock), not when the function body got the CPU.
    const { rows } = await h.pool.query<{ at: number }>(
      "SELECT (extract(epoch FROM begun_at) * 1000)::float8 AS at FROM inngest_local.runs WHERE id = ANY($1::text[])",
      [runs.map((r) => r.id)],
    );
    const begun = rows.map((r) => r.at).sort((a, b) => a - b);
    expect(begun).toHaveLength(6);
    for (let i = 2; i < begun.length; i++) expect(begun[i]! - begun[i - 2]!).toBeGreaterThanOrEqual(999); // any 3 span ≥ 1 s
    expect(begun[5]! - begun[0]!).toBeGreaterThanOrEqual(1_900);
  });

  it("honours priority.run: seconds ahead in the queue from the function's expression, clamped to ±600", async () => {
    const config = { id: "x", triggers: [], steps: {}, priority: { run: "event.data.ahead" } };
    expect(priorityOf(config, { data: { ahead: 60 } })).toBe(60);
    expect(priorityOf(config, { data: { ahead: 5000 } })).toBe(600);
    expect(priorityOf(config, { data: { ahead: -5000 } })).toBe(-600);
    expect(priorityOf(config, { data: {} })).toBe(0);
    expect(priorityOf({ ...config, priority: { run: "event.data.a > 1" } }, { data: { a: 2 } })).toBe(0); // not understood: 0
    expect(priorityOf({ ...config, priority: undefined }, { data: { ahead: 60 } })).toBe(0);
    // Through the SDK's sync and the intake: the runs are created and complete.
    const { ids } = await h.inngest.send([{ name: "test/urgent", data: { ahead: 60 } }, { name: "test/urgent", data: {} }]);
    const runs = await Promise.all(ids.map((id) => h.waitForRun("urgent", id)));
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("fires cron triggers", async () => {
    const before = calls.tick ?? 0;
    await until(() => (calls.tick ?? 0) >= before + 2, 4_000);
    expect(calls.tick ?? 0).toBeGreaterThanOrEqual(before + 2);
  });

  it("rejects a malformed event at send time, and fails a malformed payload that got in anyway without retrying", async () => {
    await expect(orderPlaced.create({ orderId: 42 as unknown as string }).validate()).rejects.toThrow(/orderId: Invalid input: expected string/);
    const response = await fetch(`http://127.0.0.1:${h.executorPort}/e/key`, {
      method: "POST",
      body: JSON.stringify({ id: "typed-bad", name: "test/order.placed", data: { orderId: 42 } }),
    });
    expect(response.status).toBe(200);
    const run = await h.waitForRun("typed", "typed-bad");
    expect(run.status).toBe("failed");
    expect(run.attempts_total).toBe(1);
    expect(JSON.stringify(run.error)).toMatch(/orderId|string/i);
  });

  it("answers 400 to an event without a name", async () => {
    const response = await fetch(`http://127.0.0.1:${h.executorPort}/e/key`, { method: "POST", body: JSON.stringify({ data: {} }) });
    expect(response.status).toBe(400);
  });
});
