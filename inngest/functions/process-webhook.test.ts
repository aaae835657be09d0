/**
 * An inbound WhatsApp/SMS message through the real process-webhook function (serve handler + local executor): the
 * concierge's reply is delivered by the same run that processed the message — no send-message run — and a reply the
 * provider refuses goes to the send-message job instead. Twilio is a local stand-in of its Messages API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { MessageTransport } from "@/lib/messaging/service";
import { inboundSms, twilioRequest } from "@/tests/webhooks";

const token = await vi.hoisted(async () => (await import("@/tests/twilio-env")).useTwilioTestAccount());

const { POST } = await import("@/app/api/webhooks/twilio/route");
const { db } = await import("@/lib/db");
const { randomToken } = await import("@/lib/ids");
const { addSession, createEvent, publishEvent } = await import("@/lib/events/service");
const { createPhoneNumber } = await import("@/lib/concierge/phone-numbers");
const { createProcessWebhook } = await import("./process-webhook");
const { startHarness } = await import("@/tests/executor-harness");
const { createStandIn } = await import("@/tests/stand-in");
const { newOrganization } = await import("@/tests/api");

let sids = 0;
const twilio = createStandIn(() => ({ status: 201, body: { sid: `SM${String(++sids).padStart(32, "0")}`, status: "queued" } }));
let transport: MessageTransport = { kind: "captured" };
const handedOff: string[] = [];
let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  await twilio.start();
  h = await startHarness("replies", (inngest) => [
    createProcessWebhook(inngest, { transport: () => transport, handOff: (id) => Promise.resolve(handedOff.push(id)) }),
  ]);
});
afterAll(async () => {
  await h.stop();
  await twilio.stop();
});
beforeEach(() => {
  twilio.reset();
  handedOff.length = 0;
});

const hour = 3_600_000;

async function mappedNumber(name: string, number: string) {
  const { caller } = await newOrganization(name);
  const startsAt = new Date(Date.now() + 48 * hour);
  const event = await createEvent(caller, { title: "Summit", timezone: "Europe/Berlin", venue: "Hall", startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 8 * hour).toISOString(), capacity: 5 });
  await addSession(caller, event.id, { title: "Keynote", room: "Main", startsAt: new Date(startsAt.getTime() + hour).toISOString(), endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(), isKeynote: true });
  await publishEvent(caller, event.id);
  await createPhoneNumber(caller, { number, eventId: event.id });
}

/** Delivers a signed inbound message to the real route and announces it to the harness's executor. */
async function inbound(from: string, to: string, body: string) {
  const sid = `SM${randomToken(32)}`;
  const response = await POST(twilioRequest(inboundSms({ sid, from, to, body }), { token, url: "https://events.example.test/api/webhooks/twilio" }), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  const row = await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "twilio", externalId: sid } } });
  await h.inngest.send({ name: "webhook/received", data: { webhookEventId: row.id }, id: row.id });
  return h.waitForRun("process-webhook", row.id, ["completed", "failed"], 20_000);
}

describe("process-webhook delivers the concierge's replies itself", () => {
  it("captures the reply in the same run: one run per message", async () => {
    transport = { kind: "captured" };
    await mappedNumber("replies-captured", "+15005550301");
    const run = await inbound("+15557000001", "+15005550301", "What time is the keynote?");
    expect(run.status).toBe("completed");
    expect(run.output).toMatchObject({ status: "processed", replies: { delivered: 1, handedOff: 0 } });
    const [reply] = await db.outboundMessage.findMany({ where: { to: "+15557000001" } });
    expect(reply).toMatchObject({ status: "captured", attempts: 1 });
    expect(reply!.body).toContain("Keynote");
    expect(handedOff).toEqual([]);
    const { rows } = await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.runs WHERE function_id LIKE 'replies-%'");
    expect(rows[0]!.n).toBe(1);
  });

  it("sends through Twilio, and hands a reply Twilio refuses to the send-message job, once", async () => {
    transport = { kind: "twilio", config: { accountSid: "AC_test_account", authToken: "test_auth_token_123", baseUrl: twilio.url }, from: { sms: "+15005550006" } };
    await mappedNumber("replies-twilio", "+15005550302");

    const sent = await inbound("+15557000002", "+15005550302", "help");
    expect(sent.output).toMatchObject({ replies: { delivered: 1, handedOff: 0 } });
    expect(twilio.requests).toHaveLength(1);
    expect(new URLSearchParams(twilio.requests[0]!.raw).get("To")).toBe("+15557000002");
    expect(await db.outboundMessage.findFirst({ where: { to: "+15557000002" } })).toMatchObject({ status: "sent" });

    twilio.script.push({ status: 500, body: { code: 20500, message: "Internal Server Error" } });
    const refused = await inbound("+15557000003", "+15005550302", "help");
    expect(refused.status).toBe("completed");
    expect(refused.output).toMatchObject({ replies: { delivered: 0, handedOff: 1 } });
    const reply = await db.outboundMessage.findFirstOrThrow({ where: { to: "+15557000003" } });
    expect(reply).toMatchObject({ status: "queued", attempts: 1 });
    expect(handedOff).toEqual([reply.id]);
  });
});
