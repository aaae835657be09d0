/**
 * The SMS/WhatsApp channel against a local stand-in of Twilio's documented Messages API; the job runs on the local
 * executor; rows in the real test database.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSendMessage } from "@/inngest/functions/send-message";
import { db } from "@/lib/db";
import { startHarness } from "@/tests/executor-harness";
import { deliverMessage, queueMessage, type MessageTransport } from "./service";
import { sendWithTwilio } from "./twilio-adapter";

type Recorded = { headers: http.IncomingHttpHeaders; form: URLSearchParams; path: string };
const requests: Recorded[] = [];
const script: { status: number; body: unknown; headers?: Record<string, string> }[] = [];
let sids = 0;

const standIn = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
  req.on("end", () => {
    requests.push({ headers: req.headers, form: new URLSearchParams(raw), path: req.url ?? "" });
    const next = script.shift() ?? { status: 201, body: null };
    const body = next.status === 201 ? { sid: `SM${String(++sids).padStart(32, "0")}`, status: "queued" } : next.body;
    res.writeHead(next.status, { "content-type": "application/json", ...next.headers });
    res.end(JSON.stringify(body));
  });
});

let baseUrl = "";
const config = () => ({ accountSid: "AC_test_account", authToken: "test_auth_token_123", baseUrl });
const twilio = (): MessageTransport => ({ kind: "twilio", config: config(), from: { sms: "+15005550006", whatsapp: "+14155238886" } });
const noSend = () => Promise.resolve();

beforeAll(async () => {
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => standIn.close(resolve)));
beforeEach(() => {
  requests.length = 0;
  script.length = 0;
});

describe("Twilio adapter (contract with the stand-in)", () => {
  it("posts the form with basic auth and the idempotency token, and returns the message SID", async () => {
    const result = await sendWithTwilio(config(), { channel: "whatsapp", to: "+447700900123", from: "+14155238886", body: "Keynote at 9:00" }, "message-msg_1");
    expect(result).toEqual({ kind: "sent", providerId: expect.stringMatching(/^SM/) as string });
    const [request] = requests;
    expect(request!.path).toBe("/2010-04-01/Accounts/AC_test_account/Messages.json");
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from("AC_test_account:test_auth_token_123").toString("base64")}`);
    expect(request!.headers["i-twilio-idempotency-token"]).toBe("message-msg_1");
    expect(request!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(request!.form)).toEqual({ To: "whatsapp:+447700900123", From: "whatsapp:+14155238886", Body: "Keynote at 9:00" });
  });

  it("classifies 429, 5xx, 4xx and network failures", async () => {
    script.push(
      { status: 429, body: { code: 20429, message: "Too Many Requests" }, headers: { "retry-after": "3" } },
      { status: 503, body: { message: "Service Unavailable" } },
      { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } },
    );
    const sms = { channel: "sms" as const, to: "+15005550009", from: "+15005550006", body: "hi" };
    expect(await sendWithTwilio(config(), sms, "a")).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 3 });
    expect(await sendWithTwilio(config(), sms, "b")).toMatchObject({ kind: "retriable" });
    expect(await sendWithTwilio(config(), sms, "c")).toMatchObject({ kind: "permanent", message: expect.stringContaining("Twilio 21211") as string });
    expect(await sendWithTwilio({ ...config(), baseUrl: "http://127.0.0.1:9" }, sms, "d")).toMatchObject({ kind: "retriable" });
  });
});

describe("messaging service", () => {
  it("refuses a recipient that is not E.164", async () => {
    await expect(queueMessage({ channel: "sms", to: "07700 900123", body: "x", idempotencyKey: "bad" }, noSend)).rejects.toMatchObject({ code: "invalid_phone", status: 422 });
  });

  it("queues once per key, captures without a provider, and never delivers a finished message again", async () => {
    const input = { channel: "sms" as const, to: "+15005550009", body: "Your ticket: https://example.test/t/abc", idempotencyKey: "ticket:1" };
    const first = await queueMessage(input, noSend);
    expect((await queueMessage(input, noSend)).id).toBe(first.id);
    expect((await deliverMessage(first.id, "k", { kind: "captured" })).status).toBe("captured");
    expect((await deliverMessage(first.id, "k", twilio())).status).toBe("captured");
    expect(requests).toHaveLength(0);
  });
});

describe("send-message job on the local executor", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness("sms", (inngest) => [createSendMessage(inngest, twilio)]);
  });
  afterAll(() => h.stop());

  it("retries a 503, then sends exactly once with the configured sender", async () => {
    script.push({ status: 503, body: { message: "Service Unavailable" } });
    const queued = await queueMessage({ channel: "sms", to: "+15005550009", body: "See you at 9", idempotencyKey: "remind:1" }, (messageId) =>
      h.inngest.send({ id: `message-${messageId}`, name: "message/send.requested", data: { messageId } }),
    );
    await h.waitForRun("send-message", `message-${queued.id}`);
    const row = await db.outboundMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2, from: "+15005550006" });
    expect(row.providerId).toMatch(/^SM/);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.headers["i-twilio-idempotency-token"])).toEqual([`message-${queued.id}`, `message-${queued.id}`]);
  });
});
