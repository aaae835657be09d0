/**
 * Contract test: fixture functions defined with the real Inngest SDK, served by its real serve handler over HTTP,
 * driven by the local executor against the real test PostgreSQL. Nothing of ours is stubbed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, NonRetriableError, eventType } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { LocalExecutor } from "./executor";
import { createExecutorServer } from "./server";

const databaseUrl = process.env.DATABASE_URL!;
const calls: Record<string, number> = {};
const count = (key: string) => (calls[key] = (calls[key] ?? 0) + 1);
const flags = { rerunShouldSucceed: false };

let executorPort = 0;
const executorServerHolder: { server?: http.Server } = {};

// The executor's HTTP intake must exist before the client is created (the SDK sends events to it).
const intake = http.createServer((req, res) => executorServerHolder.server!.emit("request", req, res));
await new Promise<void>((resolve) => intake.listen(0, "127.0.0.1", resolve));
executorPort = (intake.address() as AddressInfo).port;

const inngest = new Inngest({ id: "fixture", isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: { info() {}, warn() {}, error() {}, debug() {} } });
const orderPlaced = eventType("test/order.placed", { schema: z.object({ orderId: z.string() }) });

const fns = [
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
  inngest.createFunction({ id: "ticker", triggers: [{ cron: "* * * * * *" }] }, () => (count("tick"), "tick")),
];

const app = http.createServer(serve({ client: inngest, functions: fns }));
let appUrl = "";
let executor: LocalExecutor;
const pool = new pg.Pool({ connectionString: databaseUrl });

function startExecutor() {
  executor = new LocalExecutor({ databaseUrl, appUrl, pollMs: 25, backoffBaseMs: 40, backoffMaxMs: 200, syncIntervalMs: 60_000 });
  executorServerHolder.server = createExecutorServer(executor);
  return executor.start();
}

async function waitForRun(functionId: string, eventId: string, statuses = ["completed", "failed"], timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { rows } = await pool.query<{ id: string; status: string; output: unknown; error: { message?: string } | null; attempts_total: number }>(
      "SELECT id, status, output, error, attempts_total FROM inngest_local.runs WHERE function_id = $1 AND event_id = $2 AND rerun_of IS NULL",
      [`fixture-${functionId}`, eventId],
    );
    if (rows[0] && statuses.includes(rows[0].status)) return rows[0];
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`run of ${functionId} for ${eventId} did not reach ${statuses.join("/")}`);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  await startExecutor();
  const until = Date.now() + 10_000;
  while (executor.functionIds.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
});

afterEach(() => {
  flags.rerunShouldSucceed = false;
});

afterAll(async () => {
  await executor.stop();
  await pool.end();
  await new Promise((r) => app.close(r));
  await new Promise((r) => intake.close(r));
});

describe("local executor × real Inngest serve handler", () => {
  it("syncs every function of the app", () => {
    expect(executor.functionIds.sort()).toEqual(
      ["always-fails", "always-fails-failure", "non-retriable", "parallel", "three-steps", "ticker", "typed", "waiter"].map((id) => `fixture-${id}`).sort(),
    );
  });

  it("runs steps, a sleep and a retry to completion; a recorded step never runs again", async () => {
    const { ids } = await inngest.send({ name: "test/three", data: { key: "k1" } });
    const run = await waitForRun("three-steps", ids[0]!);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ c: 3 });
    expect(calls["a:k1"]).toBe(1);
    expect(calls["b:k1"]).toBe(2); // failed once, then succeeded
    expect(calls["c:k1"]).toBe(1);
    const { rows } = await pool.query<{ name: string; op: string }>(
      "SELECT name, op FROM inngest_local.step_log WHERE run_id = $1 ORDER BY id",
      [run.id],
    );
    expect(rows.map((r) => `${r.name}:${r.op}`)).toEqual(["a:StepRun", "nap:Sleep", "b:StepError", "b:StepRun", "c:StepRun"]);
  });

  it("ignores a duplicate event id", async () => {
    await inngest.send({ id: "dup-1", name: "test/three", data: { key: "dup" } });
    await inngest.send({ id: "dup-1", name: "test/three", data: { key: "dup" } });
    await waitForRun("three-steps", "dup-1");
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.runs WHERE event_id = 'dup-1'");
    expect(rows[0]?.n).toBe(1);
    expect(calls["a:dup"]).toBe(1);
  });

  it("resumes a run after the executor restarts in the middle of it", async () => {
    const { ids } = await inngest.send({ name: "test/three", data: { key: "restart" } });
    // Wait until step "a" is recorded and the run sleeps, then replace the executor with a fresh one.
    const until = Date.now() + 5_000;
    while (!calls["a:restart"] && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await executor.stop();
    await startExecutor();
    const run = await waitForRun("three-steps", ids[0]!);
    expect(run.status).toBe("completed");
    expect(calls["a:restart"]).toBe(1);
    expect(calls["c:restart"]).toBe(1);
  });

  it("keeps a run when the app is down for a while, and finishes it when the app is back", async () => {
    const port = (app.address() as AddressInfo).port;
    const { ids } = await inngest.send({ name: "test/three", data: { key: "app-down" } });
    while (!calls["a:app-down"]) await new Promise((r) => setTimeout(r, 10));
    const closed = new Promise((r) => app.close(r));
    app.closeAllConnections();
    await closed;
    await new Promise((r) => setTimeout(r, 700)); // past the sleep: calls fail, the run waits
    expect((await waitForRun("three-steps", ids[0]!, ["queued", "running"])).status).toMatch(/queued|running/);
    await new Promise<void>((resolve) => app.listen(port, "127.0.0.1", resolve));
    const run = await waitForRun("three-steps", ids[0]!);
    expect(run.status).toBe("completed");
    expect(calls["a:app-down"]).toBe(1);
  });

  it("marks a function that keeps failing as failed after its retries, runs onFailure, and can re-run it", async () => {
    const { ids } = await inngest.send({ name: "test/fail", data: { key: "f1" } });
    const run = await waitForRun("always-fails", ids[0]!);
    expect(run.status).toBe("failed");
    expect(calls["boom:f1"]).toBe(3); // retries: 2 → three attempts
    expect(JSON.stringify(run.error)).toContain("permanently broken");
    const until = Date.now() + 5_000;
    while (!calls["onFailure:f1"] && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(calls["onFailure:f1"]).toBe(1);

    flags.rerunShouldSucceed = true;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO inngest_local.runs (id, function_id, event_id, event, status, max_attempts, rerun_of)
       SELECT id || '_rerun', function_id, event_id, event, 'queued', max_attempts, id FROM inngest_local.runs WHERE id = $1 RETURNING id`,
      [run.id],
    );
    const rerunId = rows[0]!.id;
    let status = "";
    const deadline = Date.now() + 5_000;
    while (status !== "completed" && Date.now() < deadline) {
      status = (await pool.query<{ status: string }>("SELECT status FROM inngest_local.runs WHERE id = $1", [rerunId])).rows[0]!.status;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe("completed");
  });

  it("does not retry a NonRetriableError", async () => {
    const { ids } = await inngest.send({ name: "test/nonretriable", data: {} });
    const run = await waitForRun("non-retriable", ids[0]!);
    expect(run.status).toBe("failed");
    expect(calls.refuse).toBe(1);
    expect(JSON.stringify(run.error)).toContain("bad input, do not retry");
  });

  it("resumes waitForEvent on a matching event, ignoring non-matching ones", async () => {
    const { ids } = await inngest.send({ name: "test/wait", data: { key: "w1", timeout: "10s" } });
    await waitForRun("waiter", ids[0]!, ["waiting"]);
    await inngest.send({ name: "test/reply", data: { key: "someone-else", answer: "no" } });
    await inngest.send({ name: "test/reply", data: { key: "w1", answer: "yes" } });
    const run = await waitForRun("waiter", ids[0]!);
    expect(run.output).toEqual({ got: { key: "w1", answer: "yes" } });
  });

  it("times out waitForEvent with null", async () => {
    const { ids } = await inngest.send({ name: "test/wait", data: { key: "w2", timeout: "300ms" } });
    const run = await waitForRun("waiter", ids[0]!);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ got: null });
  });

  it("runs parallel steps once each and delivers step.sendEvent", async () => {
    const { ids } = await inngest.send({ name: "test/parallel", data: {} });
    const run = await waitForRun("parallel", ids[0]!);
    expect(run.output).toBe(6);
    expect(calls.x).toBe(1);
    expect(calls.y).toBe(1);
    const until = Date.now() + 5_000;
    while (!calls["c:from-parallel"] && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(calls["c:from-parallel"]).toBe(1);
  });

  it("fires cron triggers", async () => {
    const before = calls.tick ?? 0;
    const until = Date.now() + 4_000;
    while ((calls.tick ?? 0) < before + 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(calls.tick ?? 0).toBeGreaterThanOrEqual(before + 2);
  });

  it("rejects a malformed event at send time, and fails a malformed payload that got in anyway without retrying", async () => {
    await expect(orderPlaced.create({ orderId: 42 as unknown as string }).validate()).rejects.toThrow(/orderId: Invalid input: expected string/);
    const response = await fetch(`http://127.0.0.1:${executorPort}/e/key`, {
      method: "POST",
      body: JSON.stringify({ id: "typed-bad", name: "test/order.placed", data: { orderId: 42 } }),
    });
    expect(response.status).toBe(200);
    const run = await waitForRun("typed", "typed-bad");
    expect(run.status).toBe("failed");
    expect(run.attempts_total).toBe(1);
    expect(JSON.stringify(run.error)).toMatch(/orderId|string/i);
  });

  it("answers 400 to an event without a name", async () => {
    const response = await fetch(`http://127.0.0.1:${executorPort}/e/key`, { method: "POST", body: JSON.stringify({ data: {} }) });
    expect(response.status).toBe(400);
  });
});
