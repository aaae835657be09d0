import { NextRequest } from "next/server";
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
const { inboundSms, twilioRequest } = await import("@/tests/webhooks");

const ctx = { params: Promise.resolve({}) };
const scrape = (authorization?: string) => GET(new NextRequest("http://localhost:3000/api/metrics", { headers: authorization ? { authorization } : {} }), ctx);

describe("GET /api/metrics", () => {
  it("refuses a scrape without the token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token-wrong")).status).toBe(401);
  });

  it("exposes request durations, webhook outcomes and database gauges in Prometheus format", async () => {
    const url = `${env.APP_URL.replace(/\/+$/, "")}/api/webhooks/twilio`;
    const params = inboundSms({ sid: `SM${randomToken(32)}`, from: "+15550001111", to: "+15005550000", body: "hi" });
    expect((await twilio.POST(twilioRequest(params, { token: env.TWILIO_AUTH_TOKEN!, url }), ctx)).status).toBe(200);
    expect((await twilio.POST(twilioRequest(params, { token: env.TWILIO_AUTH_TOKEN!, url }), ctx)).status).toBe(200);
    expect((await twilio.POST(twilioRequest(params, { token: env.TWILIO_AUTH_TOKEN!, url, signature: "bad" }), ctx)).status).toBe(401);

    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/eventline_webhooks_total\{provider="twilio",outcome="stored"\} 1/);
    expect(text).toMatch(/eventline_webhooks_total\{provider="twilio",outcome="duplicate"\} 1/);
    expect(text).toMatch(/eventline_webhooks_total\{provider="twilio",outcome="rejected_invalid_signature"\} 1/);
    expect(text).toMatch(/eventline_http_request_duration_seconds_count\{route="\/api\/webhooks\/twilio",method="POST",status="200"\} 2/);
    expect(text).toMatch(/eventline_webhook_events\{provider="twilio",status="(received|ignored)"\} \d+/);
    expect(text).toMatch(/eventline_database_connections\{state="\w+"\} \d+/);
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
