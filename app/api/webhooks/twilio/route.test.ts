import { describe, expect, it, vi } from "vitest";
import { inboundSms, twilioRequest, twilioSigned } from "@/tests/webhooks";

const token = await vi.hoisted(async () => (await import("@/tests/twilio-env")).useTwilioTestAccount());

const { POST } = await import("./route");
const { db } = await import("@/lib/db");
const { newId, randomToken } = await import("@/lib/ids");
const { processWebhookEvent } = await import("@/lib/webhooks/process");
const { verifyTwilio } = await import("@/lib/webhooks/providers/twilio");
const { replayWebhookEvent } = await import("@/lib/webhooks/service");
const { addSession, createEvent, publishEvent } = await import("@/lib/events/service");
const { createPhoneNumber } = await import("@/lib/concierge/phone-numbers");
const { zonedToUtc } = await import("@/lib/time");
const { newOrganization } = await import("@/tests/api");

const PUBLIC_URL = "https://events.example.test/api/webhooks/twilio";
const ctx = { params: Promise.resolve({}) };
const sid = () => `SM${randomToken(32)}`;
const send = (params: Record<string, string>, options: Partial<Parameters<typeof twilioRequest>[1]> = {}) =>
  POST(twilioRequest(params, { token, url: PUBLIC_URL, ...options }), ctx);
const rows = (externalId: string) => db.webhookEvent.findMany({ where: { provider: "twilio", externalId } });

describe("Twilio signature check (documented algorithm)", () => {
  it("matches Twilio's published example", () => {
    // Twilio's canonical test vector (its security documentation and helper libraries' tests): auth token 12345.
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const params = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
    const headers = new Headers({ "x-twilio-signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" });
    expect(verifyTwilio({ url, headers, rawBody: new URLSearchParams(params).toString(), secret: "12345" })).toMatchObject({ ok: true });
    expect(twilioSigned(url, params, "12345")).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    const tampered = new URLSearchParams({ ...params, Digits: "9999" }).toString();
    expect(verifyTwilio({ url, headers, rawBody: tampered, secret: "12345" })).toEqual({ ok: false, reason: "invalid_signature" });
  });
});

describe("POST /api/webhooks/twilio", () => {
  it("stores a signed inbound message and answers empty TwiML", async () => {
    const id = sid();
    const response = await send(inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: "What time is the keynote?" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    const [row] = await rows(id);
    expect(row).toMatchObject({ topic: "message", attempts: 0 });
    expect(new URLSearchParams(row!.rawBody).get("Body")).toBe("What time is the keynote?");
    expect(Object.keys(row!.headers as object)).toContain("x-twilio-signature");
  });

  it("checks the signature against the public URL (APP_URL), not the address the server saw", async () => {
    const id = sid();
    const params = inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: "hi" });
    const signedForInternal = twilioSigned("http://10.0.0.5:3000/api/webhooks/twilio", params, token);
    const response = await POST(twilioRequest(params, { token, url: "http://10.0.0.5:3000/api/webhooks/twilio", signature: signedForInternal }), ctx);
    expect(response.status).toBe(401);
    expect(await rows(id)).toHaveLength(0);
  });

  it("refuses tampered, missing and foreign-token signatures with 401 problem+json, storing nothing", async () => {
    const id = sid();
    const params = inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: "register" });
    const signature = twilioSigned(PUBLIC_URL, params, token);
    const tampered = await send({ ...params, Body: "cancel" }, { signature });
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get("content-type")).toBe("application/problem+json");
    expect(await tampered.json()).toMatchObject({ code: "invalid_signature" });
    expect((await send(params, { signature: null })).status).toBe(401);
    expect((await send(params, { signature: twilioSigned(PUBLIC_URL, params, "another-token-000000000") })).status).toBe(401);
    expect(await rows(id)).toHaveLength(0);
  });

  it("stores a duplicate delivery (same MessageSid) once", async () => {
    const id = sid();
    const params = inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: "hello" });
    const answers = await Promise.all([send(params), send(params), send(params)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await rows(id)).toHaveLength(1);
  });

  it("stores deliveries arriving together (one shared INSERT) each once, each with its own status and times", async () => {
    const ids = Array.from({ length: 10 }, sid);
    const good = ids.map((id) => inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: `together ${id}` }));
    const noSid = ids.slice(0, 3).map((id) => ({ From: "+15550001111", To: "+14155238886", Body: `together, no sid ${id}` }));
    const before = Date.now();
    const answers = await Promise.all([...good, ...good, ...noSid].map((params) => send(params)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 23 }, () => 200));
    for (const id of ids) {
      const stored = await rows(id);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ status: "received", processedAt: null, attempts: 0 });
    }
    const failed = await db.webhookEvent.findMany({ where: { provider: "twilio", rawBody: { in: noSid.map((p) => new URLSearchParams(p).toString()) } } });
    expect(failed).toHaveLength(3);
    for (const row of failed) {
      expect(row).toMatchObject({ status: "failed", lastError: "The delivery has no MessageSid." });
      expect(Math.abs(row.processedAt!.getTime() - before)).toBeLessThan(60_000);
      expect(Math.abs(row.receivedAt.getTime() - before)).toBeLessThan(60_000);
    }
  });

  it("stores a signed delivery without a MessageSid as failed, with the reason", async () => {
    const params = { From: "+15550001111", To: "+14155238886", Body: `no sid ${sid()}` };
    expect((await send(params)).status).toBe(200);
    const row = await db.webhookEvent.findFirstOrThrow({ where: { provider: "twilio", rawBody: new URLSearchParams(params).toString() } });
    expect(row).toMatchObject({ status: "failed", lastError: "The delivery has no MessageSid." });
  });

  it("refuses a body over 1 MB with 413 and stores nothing", async () => {
    const id = sid();
    const params = inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: "x".repeat(1024 * 1024 + 10) });
    const response = await send(params);
    expect(response.status).toBe(413);
    expect(await rows(id)).toHaveLength(0);
  });

  it("answers 503 (so Twilio retries) when the delivery cannot be stored, and stores it on the retry", async () => {
    const id = sid();
    const params = inboundSms({ sid: id, from: "+15550001111", to: "+14155238886", body: "db down" });
    await db.$executeRawUnsafe('ALTER TABLE webhook_events RENAME TO webhook_events_offline');
    let response: Response;
    try {
      response = await send(params);
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE webhook_events_offline RENAME TO webhook_events');
    }
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: "webhook_storage_unavailable" });
    expect(await rows(id)).toHaveLength(0);
    expect((await send(params)).status).toBe(200);
    expect(await rows(id)).toHaveLength(1);
  });

  it("applies a status callback to the message we sent, never moving a delivered message back", async () => {
    const message = await db.outboundMessage.create({
      data: { id: newId("msg"), channel: "sms", to: "+15550002222", body: "hi", status: "sent", providerId: sid(), idempotencyKey: newId("idm") },
    });
    const callback = (status: string) => ({ MessageSid: message.providerId!, MessageStatus: status, AccountSid: "AC00000000000000000000000000000000", To: message.to });
    for (const status of ["delivered", "sent"]) {
      expect((await send(callback(status))).status).toBe(200);
      const [row] = await rows(`${message.providerId}:${status}`);
      expect(row).toMatchObject({ topic: "message-status", status: "received" });
      expect(await processWebhookEvent(row!.id)).toMatchObject({ status: "processed" });
    }
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "delivered" });
  });

  it("answers 'What time is the keynote?' to the mapped event's number with the keynote time in the event's zone, once", async () => {
    const { caller, org } = await newOrganization("twilio-concierge");
    const at = (local: string) => zonedToUtc(local, "Europe/Berlin").toISOString();
    const event = await createEvent(caller, { title: "Launch", timezone: "Europe/Berlin", venue: "Kulturbrauerei", startsAt: at("2027-03-10T09:00"), endsAt: at("2027-03-10T17:00"), capacity: 20 });
    await addSession(caller, event.id, { title: "Opening keynote", room: "Main hall", startsAt: at("2027-03-10T09:30"), endsAt: at("2027-03-10T10:15"), isKeynote: true });
    await publishEvent(caller, event.id);
    await createPhoneNumber(caller, { number: "+15005550199", eventId: event.id });

    const id = sid();
    const params = inboundSms({ sid: id, from: "+15557654321", to: "+15005550199", body: "What time is the keynote?" });
    expect((await send(params)).status).toBe(200);
    expect((await send(params)).status).toBe(200); // Twilio retried: stored once
    const [row] = await rows(id);
    expect(await processWebhookEvent(row!.id)).toMatchObject({ status: "processed", organizationId: org.id });
    const replies = await db.outboundMessage.findMany({ where: { to: "+15557654321" } });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("09:30");
    expect(replies[0]!.organizationId).toBe(org.id);

    // Replayed from the inbox: processed again, no second reply.
    await replayWebhookEvent(caller, row!.id, () => Promise.resolve());
    expect(await processWebhookEvent(row!.id)).toMatchObject({ status: "processed" });
    expect(await db.outboundMessage.count({ where: { to: "+15557654321" } })).toBe(1);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: "processed", attempts: 2, organizationId: org.id });
  });

  it("stores a message to an unmapped number, flags it, and sends no reply", async () => {
    const id = sid();
    expect((await send(inboundSms({ sid: id, from: "+15557650000", to: "+15005550000", body: "hello?" }))).status).toBe(200);
    const [row] = await rows(id);
    expect(await processWebhookEvent(row!.id)).toMatchObject({ status: "processed", organizationId: null });
    expect(await db.conversationMessage.findUniqueOrThrow({ where: { messageSid: id } })).toMatchObject({ flag: "unmapped", organizationId: null });
    expect(await db.outboundMessage.count({ where: { to: "+15557650000" } })).toBe(0);
  });
});
