import { describe, expect, it, vi } from "vitest";
import { svixHeaders } from "@/tests/webhooks";

const secret = vi.hoisted(() => {
  const value = "whsec_cmVzZW5kLXRlc3Qtc2VjcmV0LTAxMjM0NTY3ODk=";
  process.env.RESEND_WEBHOOK_SECRET = value;
  return value;
});

const { NextRequest } = await import("next/server");
const { POST } = await import("./route");
const { db } = await import("@/lib/db");
const { newId, randomToken } = await import("@/lib/ids");
const { processWebhookEvent } = await import("@/lib/webhooks/process");
const { newOrganization } = await import("@/tests/api");

const ctx = { params: Promise.resolve({}) };

function send(event: unknown, options: { id?: string; timestamp?: number; secret?: string; signed?: boolean } = {}) {
  const id = options.id ?? `msg_${randomToken()}`;
  const body = JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.signed !== false) Object.assign(headers, svixHeaders(options.secret ?? secret, id, body, options.timestamp));
  return { id, response: POST(new NextRequest("http://localhost:3000/api/webhooks/resend", { method: "POST", headers, body }), ctx) };
}

const resendEvent = (type: string, emailId: string, extra: Record<string, unknown> = {}) => ({
  type,
  created_at: new Date().toISOString(),
  data: { email_id: emailId, from: "Eventline <events@example.test>", to: ["ada@example.test"], subject: "You're in", created_at: new Date().toISOString(), ...extra },
});

async function sentEmail(organizationId: string) {
  return db.emailMessage.create({
    data: {
      id: newId("eml"),
      organizationId,
      to: "ada@example.test",
      from: "events@example.test",
      subject: "You're in",
      template: "registrationConfirmed",
      html: "<p>hi</p>",
      text: "hi",
      status: "sent",
      providerId: randomToken(),
      idempotencyKey: randomToken(),
    },
  });
}

async function deliverAndProcess(event: unknown) {
  const { id, response } = send(event);
  expect((await response).status).toBe(200);
  const row = await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "resend", externalId: id } } });
  if (row.status === "received") await processWebhookEvent(row.id);
  return db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
}

describe("POST /api/webhooks/resend", () => {
  it("marks the email delivered and files the delivery under the email's organization", async () => {
    const { org } = await newOrganization("resend");
    const email = await sentEmail(org.id);
    const row = await deliverAndProcess(resendEvent("email.delivered", email.providerId!));
    expect(row).toMatchObject({ status: "processed", organizationId: org.id, topic: "email.delivered" });
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: email.id } })).status).toBe("delivered");
  });

  it("keeps the later state when events arrive out of order, and records a bounce's reason", async () => {
    const { org } = await newOrganization("resend-order");
    const email = await sentEmail(org.id);
    await deliverAndProcess(resendEvent("email.bounced", email.providerId!, { bounce: { message: "Mailbox does not exist", type: "Permanent" } }));
    await deliverAndProcess(resendEvent("email.delivered", email.providerId!));
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "bounced", lastError: "bounced: Mailbox does not exist" });

    const other = await sentEmail(org.id);
    await deliverAndProcess(resendEvent("email.delivered", other.providerId!));
    await deliverAndProcess(resendEvent("email.complained", other.providerId!));
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("complained");
  });

  it("stores events that change no status (opened, clicked) as ignored, and unknown email ids as ignored after processing", async () => {
    expect(await deliverAndProcess(resendEvent("email.opened", "re_unknown"))).toMatchObject({ status: "ignored", processedAt: expect.any(Date) as Date });
    expect(await deliverAndProcess(resendEvent("email.delivered", `re_${randomToken()}`))).toMatchObject({ status: "ignored", organizationId: null });
  });

  it("refuses missing, wrong and stale signatures with 401 and stores nothing", async () => {
    const event = resendEvent("email.delivered", "re_x");
    const unsigned = send(event, { signed: false });
    expect((await unsigned.response).status).toBe(401);
    const wrong = send(event, { secret: "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==" });
    expect((await wrong.response).status).toBe(401);
    const stale = send(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const staleResponse = await stale.response;
    expect(staleResponse.status).toBe(401);
    expect(await staleResponse.json()).toMatchObject({ code: "stale_webhook" });
    expect(await db.webhookEvent.count({ where: { externalId: { in: [unsigned.id, wrong.id, stale.id] } } })).toBe(0);
  });

  it("fails a signed event without data.email_id as unreadable, without retrying", async () => {
    const row = await (async () => {
      const { id, response } = send({ type: "email.delivered", data: {} });
      expect((await response).status).toBe(200);
      return db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "resend", externalId: id } } });
    })();
    await expect(processWebhookEvent(row.id)).rejects.toMatchObject({ name: "WebhookFailed", retriable: false });
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("failed");
  });
});
