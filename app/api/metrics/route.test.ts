import { NonRetriableError, type Inngest } from "inngest";
import { NextRequest } from "next/server";
import { Counter, Registry } from "prom-client";
import { describe, expect, it, vi } from "vitest";

const token = vi.hoisted(() => {
  process.env.METRICS_TOKEN = "metrics-token-for-tests-0123456789";
  process.env.TWILIO_AUTH_TOKEN = "test-twilio-auth-token-0123456789";
  process.env.TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000";
  return process.env.METRICS_TOKEN;
});

const { GET } = await import("./route");
const twilio = await import("@/app/api/webhooks/twilio/route");
const { env } = await import("@/lib/env");
const { randomToken } = await import("@/lib/ids");
const { flush } = await import("@/lib/metrics/shared");
const { JobMetrics } = await import("@/inngest/job-metrics");
const { inboundSms, twilioRequest } = await import("@/tests/webhooks");
const { startHarness } = await import("@/tests/executor-harness");

const ctx = { params: Promise.resolve({}) };
const scrape = (authorization?: string) => GET(new NextRequest("http://localhost:3000/api/metrics", { headers: authorization ? { authorization } : {} }), ctx);

async function scrapeText(): Promise<string> {
  const response = await scrape(`Bearer ${token}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

/** The value of one series in an exposition (labels in any order), or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const m of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) found[m[1] ?? ""] = m[2] ?? "";
    if (Object.keys(found).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const twilioUrl = () => `${env.APP_URL.replace(/\/+$/, "")}/api/webhooks/twilio`;
const twilioParams = () => inboundSms({ sid: `SM${randomToken(32)}`, from: "+15550001111", to: "+15005550000", body: "hi" });
const postTwilio = (params: Record<string, string>, signature?: string) =>
  twilio.POST(twilioRequest(params, { token: env.TWILIO_AUTH_TOKEN!, url: twilioUrl(), ...(signature ? { signature } : {}) }), ctx);

describe("GET /api/metrics", () => {
  it("refuses a scrape without the token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token-wrong")).status).toBe(401);
  });

  it("counts requests by route and status and webhooks by provider and outcome; the values move with what happens", async () => {
    const before = await scrapeText();
    const params = twilioParams();
    expect((await postTwilio(params)).status).toBe(200);
    expect((await postTwilio(params)).status).toBe(200);
    expect((await postTwilio(params, "bad")).status).toBe(401);
    const after = await scrapeText();

    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta("eventline_webhooks_total", { provider: "twilio", outcome: "stored" })).toBe(1);
    expect(delta("eventline_webhooks_total", { provider: "twilio", outcome: "duplicate" })).toBe(1);
    expect(delta("eventline_webhooks_total", { provider: "twilio", outcome: "rejected_invalid_signature" })).toBe(1);
    const route = { route: "/api/webhooks/twilio", method: "POST" };
    expect(delta("eventline_http_request_duration_seconds_count", { ...route, status: "200" })).toBe(2);
    expect(delta("eventline_http_request_duration_seconds_count", { ...route, status: "401" })).toBe(1);
    expect(delta("eventline_http_request_duration_seconds_bucket", { ...route, status: "200", le: "+Inf" })).toBe(2);
    expect(delta("eventline_http_request_duration_seconds_sum", { ...route, status: "200" })).toBeGreaterThan(0);
    // The scrape before this one was itself a request.
    expect(sample(after, "eventline_http_request_duration_seconds_count", { route: "/api/metrics", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);

    // Queue depth and outcomes read from the database: the stored delivery waits, unannounced (no job backend here).
    expect(sample(after, "eventline_webhook_events", { provider: "twilio", status: "received" })).toBe((sample(before, "eventline_webhook_events", { provider: "twilio", status: "received" }) ?? 0) + 1);
    expect(after).toMatch(/^eventline_database_connections\{state="\w+"\} \d+$/m);
    // This process's pool: at least the connection the scrape used, and its limit.
    expect(sample(after, "eventline_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(sample(after, "eventline_db_pool_connections", { state: "waiting" })).toBe(0);
    expect(sample(after, "eventline_db_pool_max")).toBe(10);
    expect(after).toMatch(/^# TYPE eventline_process_process_resident_memory_bytes gauge$/m);
  });

  it("answers with every process's counts: each adds its own to the database, once", async () => {
    const labels = { provider: "twilio", outcome: "stored" };
    expect((await postTwilio(twilioParams())).status).toBe(200);
    const before = sample(await scrapeText(), "eventline_webhooks_total", labels)!;
    expect(before).toBeGreaterThanOrEqual(1);

    // Another process (a cluster worker, another container) counted 5 of the same and flushed them.
    const other = new Registry();
    const webhooks = new Counter({ name: "eventline_webhooks_total", help: "other process", labelNames: ["provider", "outcome"], registers: [other] });
    webhooks.inc(labels, 5);
    await flush(other);
    await flush(other); // nothing new: adds nothing
    expect(sample(await scrapeText(), "eventline_webhooks_total", labels)).toBe(before + 5);

    // This process's own new count joins at the next scrape, and scraping again changes nothing.
    expect((await postTwilio(twilioParams())).status).toBe(200);
    expect(sample(await scrapeText(), "eventline_webhooks_total", labels)).toBe(before + 6);
    expect(sample(await scrapeText(), "eventline_webhooks_total", labels)).toBe(before + 6);
  });

  it("counts job runs by function and outcome where they run, and shows the local executor's runs", async () => {
    let flaky = 0;
    const fixtures = (inngest: Inngest) => [
      inngest.createFunction({ id: "ok", retries: 1, triggers: [{ event: "test/ok" }] }, async ({ step }) => step.run("work", () => "done")),
      inngest.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "test/flaky" }] }, () => {
        if (flaky++ === 0) throw new Error("first attempt fails");
        return "second attempt works";
      }),
      inngest.createFunction({ id: "refuses", retries: 3, triggers: [{ event: "test/refuses" }] }, () => {
        throw new NonRetriableError("never");
      }),
    ];
    const harness = await startHarness("metrics-test", fixtures, { middleware: [JobMetrics] });
    try {
      await harness.inngest.send([
        { id: "ok-1", name: "test/ok", data: {} },
        { id: "ok-2", name: "test/ok", data: {} },
        { id: "flaky-1", name: "test/flaky", data: {} },
        { id: "refuses-1", name: "test/refuses", data: {} },
      ]);
      expect((await harness.waitForRun("ok", "ok-1")).status).toBe("completed");
      expect((await harness.waitForRun("ok", "ok-2")).status).toBe("completed");
      expect((await harness.waitForRun("flaky", "flaky-1")).status).toBe("completed");
      expect((await harness.waitForRun("refuses", "refuses-1")).status).toBe("failed");
    } finally {
      await harness.stop();
    }

    const text = await scrapeText();
    const runs = (fn: string, outcome: string) => sample(text, "eventline_job_runs_total", { function: `metrics-test-${fn}`, outcome });
    expect(runs("ok", "started")).toBe(2);
    expect(runs("ok", "completed")).toBe(2);
    expect(runs("flaky", "started")).toBe(1);
    expect(runs("flaky", "retried")).toBe(1);
    expect(runs("flaky", "completed")).toBe(1);
    expect(runs("refuses", "failed")).toBe(1);
    expect(runs("refuses", "retried")).toBeUndefined();
    expect(runs("ok", "failed")).toBeUndefined();

    // The executor's own tables, read at scrape time.
    expect(sample(text, "eventline_local_executor_runs", { function: "metrics-test-ok", status: "completed" })).toBe(2);
    expect(sample(text, "eventline_local_executor_runs", { function: "metrics-test-refuses", status: "failed" })).toBe(1);
    expect(sample(text, "eventline_local_executor_due_runs")).toBe(0);
  });

  it("is not there at all without METRICS_TOKEN", async () => {
    const saved = env.METRICS_TOKEN;
    env.METRICS_TOKEN = undefined;
    try {
      expect((await scrape(`Bearer ${token}`)).status).toBe(404);
    } finally {
      env.METRICS_TOKEN = saved;
    }
  });
});
