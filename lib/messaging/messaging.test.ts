/**
 * The SMS/WhatsApp channel against a local stand-in of Twilio's documented Messages API; the job runs on the local
 * executor; rows in the real test database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSendMessage } from "@/inngest/functions/send-message";
import { db } from "@/lib/db";
import { startHarness } from "@/tests/executor-harness";
import { createStandIn } from "@/tests/stand-in";
import { deliverMessage, markMessageFailed, MESSAGE_CLAIM_MS, queueMessage, type MessageTransport } from "./service";
import { sendWithTwilio } from "./twilio-adapter";

let sids = 0;
const standIn = createStandIn(() => ({ status: 201, body: { sid: `SM${String(++sids).padStart(32, "0")}`, status: "queued" } }));
const { requests, script } = standIn;
const form = (i: number) => Object.fromEntries(new URLSearchParams(requests[i]!.raw));

let baseUrl = "";
const config = () => ({ accountSid: "AC_test_account", authToken: "test_auth_token_123", baseUrl });
const twilio = (): MessageTransport => ({ kind: "twilio", config: config(), from: { sms: "+15005550006", whatsapp: "+14155238886" } });
const noSend = () => Promise.resolve();

beforeAll(async () => {
  await standIn.start();
  baseUrl = standIn.url;
});
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

describe("Twilio adapter (contract with the stand-in)", () => {
  it("posts the form with basic auth and the idempotency token, and returns the message SID", async () => {
    const result = await sendWithTwilio(config(), { channel: "whatsapp", to: "+447700900123", from: "+14155238886", body: "Keynote at 9:00" }, "message-msg_1");
    expect(result).toEqual({ kind: "sent", providerId: expect.stringMatching(/^SM/) as string });
    const [request] = requests;
    expect(request!.path).toBe("/2010-04-01/Accounts/AC_test_account/Messages.json");
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from("AC_test_account:test_auth_token_123").toString("base64")}`);
    expect(request!.headers["i-twilio-idempotency-token"]).toBe("message-msg_1");
    expect(request!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(form(0)).toEqual({ To: "whatsapp:+447700900123", From: "whatsapp:+14155238886", Body: "Keynote at 9:00" });
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

describe("messaging service: opt-out, senders, permanent errors", () => {
  it("stores WhatsApp numbers without the whatsapp: prefix", async () => {
    const row = await queueMessage({ channel: "whatsapp", to: "whatsapp:+447700900123", from: "whatsapp:+14155238886", body: "hi", idempotencyKey: "wa:1" }, noSend);
    expect(row).toMatchObject({ to: "+447700900123", from: "+14155238886" });
  });

  it("asks the opt-out hook first: an opted-out recipient gets nothing and the message ends failed", async () => {
    const queued = await queueMessage({ channel: "sms", to: "+15005550009", body: "x", idempotencyKey: "stop:1" }, noSend);
    const row = await deliverMessage(queued.id, "k", twilio(), () => Promise.resolve(true));
    expect(row).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^opted_out/) as string });
    expect(requests).toHaveLength(0);
  });

  it("ends failed at once on a permanent error or a missing sender number", async () => {
    script.push({ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } });
    const bad = await queueMessage({ channel: "sms", to: "+15005550001", body: "x", idempotencyKey: "perm:1" }, noSend);
    await expect(deliverMessage(bad.id, "k", twilio())).rejects.toMatchObject({ result: { kind: "permanent" } });
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({ status: "failed", lastError: expect.stringContaining("21211") as string });

    const noSender = await queueMessage({ channel: "whatsapp", to: "+15005550002", body: "x", idempotencyKey: "perm:2" }, noSend);
    await expect(deliverMessage(noSender.id, "k", { kind: "twilio", config: config(), from: {} })).rejects.toMatchObject({ result: { kind: "permanent" } });
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: noSender.id } })).toMatchObject({ status: "failed", lastError: expect.stringContaining("TWILIO_WHATSAPP_FROM") as string });
    expect(requests).toHaveLength(1);
  });
});

describe("messaging service: one deliverer at a time (the claim)", () => {
  it("sends a message once when eight deliverers race for it; the others learn when to look again", async () => {
    const queued = await queueMessage({ channel: "sms", to: "+15005550011", body: "race", idempotencyKey: "race:1" }, noSend);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => deliverMessage(queued.id, "k", twilio(), () => Promise.resolve(false))));
    expect(requests).toHaveLength(1);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value.status);
    const rejected = outcomes.filter((o) => o.status === "rejected").map((o) => (o.reason as { result: unknown }).result);
    // Whoever came after the send finished sees it sent; whoever came while it was in flight is told to wait out the claim.
    expect(fulfilled.length + rejected.length).toBe(8);
    expect(fulfilled).toContain("sent");
    expect(fulfilled.every((status) => status === "sent")).toBe(true);
    for (const result of rejected) expect(result).toMatchObject({ kind: "rate-limited", retryAfterSeconds: expect.any(Number) as number });
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("leaves a freshly claimed message alone (even when its job gives up) and takes over a claim that ran out", async () => {
    const queued = await queueMessage({ channel: "sms", to: "+15005550012", body: "held", idempotencyKey: "claim:1" }, noSend);
    await db.outboundMessage.update({ where: { id: queued.id }, data: { claimedAt: new Date(Date.now() - 5_000) } });
    const held = await deliverMessage(queued.id, "k", twilio()).catch((error: { result: { retryAfterSeconds: number } }) => error.result);
    expect(held).toMatchObject({ kind: "rate-limited" });
    expect((held as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(MESSAGE_CLAIM_MS / 1000 - 6);
    expect((held as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(MESSAGE_CLAIM_MS / 1000 - 4);
    await markMessageFailed(queued.id, "gave up");
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "queued" });
    expect(requests).toHaveLength(0);

    // The attempt that claimed it died: once the claim is older than the lease, the next attempt sends.
    await db.outboundMessage.update({ where: { id: queued.id }, data: { claimedAt: new Date(Date.now() - MESSAGE_CLAIM_MS - 1_000) } });
    expect((await deliverMessage(queued.id, "k", twilio(), () => Promise.resolve(false))).status).toBe("sent");
    expect(requests).toHaveLength(1);
  });

  it("gives the claim back after a retriable failure, so the retry need not wait", async () => {
    script.push({ status: 503, body: { message: "Service Unavailable" } });
    const queued = await queueMessage({ channel: "sms", to: "+15005550013", body: "again", idempotencyKey: "claim:2" }, noSend);
    await expect(deliverMessage(queued.id, "k", twilio(), () => Promise.resolve(false))).rejects.toMatchObject({ result: { kind: "retriable" } });
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "queued", claimedAt: null, attempts: 1 });
    expect((await deliverMessage(queued.id, "k", twilio(), () => Promise.resolve(false))).status).toBe("sent");
    expect(requests).toHaveLength(2);
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
