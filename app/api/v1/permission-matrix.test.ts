import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureExecutorSchema } from "@/inngest/local-executor/executor";
import type { ApiHandler } from "@/lib/api/endpoint";
import { allowed, type Caller } from "@/lib/auth/principal";
import { handleInboundMessage } from "@/lib/concierge/inbound";
import { createPhoneNumber } from "@/lib/concierge/phone-numbers";
import { API_KEY_SCOPES, ROLES } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { addFaq, addQuestion, addSession, createEvent, publishEvent } from "@/lib/events/service";
import { newId, randomToken } from "@/lib/ids";
import { createInvitation } from "@/lib/organizations/invitations";
import { registerForEvent } from "@/lib/registrations/service";
import { createShopifyProduct } from "@/lib/shopify/products";
import { addKey, addMember, call, headersFor, newOrganization, type Credentials } from "@/tests/api";
import { apiHandlers, apiRouteModules } from "./routes";

/**
 * Generated from the route registry: every /api/v1 route × every role and key scope, and every route against
 * another organization's ids. A new route is covered as soon as it is registered, and the registry test below fails
 * when a route file is not registered.
 */
const handlers = apiHandlers();
const label = (h: ApiHandler) => `${h.definition.method} ${h.definition.path}`;

/** Well-formed ids that exist nowhere, for each path parameter the API uses. A new parameter needs an entry here. */
const FAKE_IDS: Record<string, string> = {
  userId: "usr_0000000000000000000000",
  keyId: "key_0000000000000000000000",
  invitationId: "inv_0000000000000000000000",
  eventId: "evt_0000000000000000000000",
  registrationId: "reg_0000000000000000000000",
  webhookEventId: "whk_0000000000000000000000",
  conversationId: "cnv_0000000000000000000000",
  phoneNumberId: "pnm_0000000000000000000000",
  sessionId: "ses_0000000000000000000000",
  faqId: "faq_0000000000000000000000",
  questionId: "rq_0000000000000000000000",
  shopifyProductId: "spm_0000000000000000000000",
  runId: "run_00000000000000000000000000000000",
};
const paramsOf = (h: ApiHandler, ids: Record<string, string>) =>
  Object.fromEntries([...h.definition.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    if (!ids[name!]) throw new Error(`No fixture id for path parameter "${name}" of ${label(h)}: add one to the matrix test.`);
    return [name!, ids[name!]!];
  }));
const bodyOf = (h: ApiHandler) => (h.definition.body ? {} : undefined);
/** Valid bodies, so the isolation test reaches the lookup instead of stopping at validation. */
const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const VALID_BODIES: Record<string, unknown> = {
  "PATCH /api/v1/members/{userId}": { role: "viewer" },
  "PATCH /api/v1/events/{eventId}": { title: "Taken over" },
  "POST /api/v1/events/{eventId}/sessions": { title: "Intruding talk", startsAt: soon(49), endsAt: soon(50) },
  "POST /api/v1/events/{eventId}/faqs": { question: "Whose event is this?", answer: "Not yours." },
  "POST /api/v1/events/{eventId}/registrations": { name: "Intruder", email: "intruder@example.test" },
  "POST /api/v1/events/{eventId}/questions": { label: "Intruding question", kind: "text" },
  "PATCH /api/v1/events/{eventId}/sessions/{sessionId}": { title: "Taken over" },
  "PATCH /api/v1/events/{eventId}/faqs/{faqId}": { answer: "Taken over" },
  "PATCH /api/v1/events/{eventId}/questions/{questionId}": { label: "Taken over" },
  "POST /api/v1/check-in": { ticketToken: "TICKET" },
  "POST /api/v1/events/{eventId}/registrations/import": { rows: [{ line: 2, name: "Intruder", email: "intruder@example.test" }] },
  "POST /api/v1/conversations/{conversationId}/messages": { body: "A reply from another organization" },
  "POST /api/v1/phone-numbers": { number: "+15005550142", eventId: "EVENT" },
  "POST /api/v1/shopify-products": { eventId: "EVENT", sku: "INTRUDER-SKU" },
};
const validBodyOf = (h: ApiHandler, ticketToken = "A".repeat(32), eventId = FAKE_IDS.eventId!) => {
  if (!h.definition.body) return undefined;
  const body = VALID_BODIES[label(h)] ?? {};
  return JSON.parse(JSON.stringify(body).replace('"TICKET"', JSON.stringify(ticketToken)).replace('"EVENT"', JSON.stringify(eventId))) as unknown;
};

describe("the /api/v1 route registry", () => {
  it("lists every route file under app/api/v1 (so the matrix and the OpenAPI document cover it)", () => {
    const root = path.join(process.cwd(), "app/api/v1");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts")).map((f) => f.split(path.sep).join("/"));
    const documented = files.filter((f) => f !== "openapi.json/route.ts");
    expect(Object.keys(apiRouteModules).sort()).toEqual(documented.sort());
    expect(handlers.length).toBeGreaterThanOrEqual(documented.length);
  });
});

describe("permission matrix", () => {
  it("answers 403 exactly when the role or scope lacks the route's permission, for every route", async () => {
    const { org, owner } = await newOrganization("matrix");
    const callers: { name: string; credentials: Credentials; caller: Caller }[] = [];
    for (const role of ROLES) {
      const m = role === "owner" ? owner : await addMember(org.id, role);
      callers.push({ name: role, credentials: m, caller: { kind: "user", userId: m.userId, organizationId: org.id, role } });
    }
    for (const scope of API_KEY_SCOPES) {
      const key = await addKey(org.id, owner.userId, scope);
      callers.push({ name: `key:${scope}`, credentials: key, caller: { kind: "api_key", keyId: key.id, organizationId: org.id, scope } });
    }

    const table: string[] = [];
    for (const h of handlers) {
      for (const { name, credentials, caller } of callers) {
        const response = await call(h, { params: paramsOf(h, FAKE_IDS), headers: headersFor(credentials), body: bodyOf(h) });
        const permitted = h.definition.access === "authenticated" || allowed(caller, h.definition.access as Exclude<typeof h.definition.access, "authenticated" | "public">);
        const ok = permitted ? ![401, 403].includes(response.status) : response.status === 403;
        if (!ok) table.push(`${label(h)} as ${name}: expected ${permitted ? "allowed" : "403"}, got ${response.status} ${await response.text()}`);
      }
    }
    expect(table).toEqual([]);
  });

  it("answers 401 to every route without credentials, and with a revoked key", async () => {
    const { org, owner } = await newOrganization("anon");
    const key = await addKey(org.id, owner.userId, "read_write");
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    for (const h of handlers) {
      for (const headers of [{}, { authorization: key.authorization }] as Record<string, string>[]) {
        const response = await call(h, { params: paramsOf(h, FAKE_IDS), headers, body: bodyOf(h) });
        expect(response.status, label(h)).toBe(401);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
      }
    }
  });
});

describe("tenant isolation", () => {
  it("gives another organization's owner and key 404 for every resource of the first, and lists none of it", async () => {
    const a = await newOrganization("alpha");
    const staff = await addMember(a.org.id, "staff");
    const key = await addKey(a.org.id, a.owner.userId, "read");
    const invitation = await createInvitation(a.caller, { email: "guest@example.test", role: "viewer" });
    const event = await createEvent(a.caller, { title: "Alpha summit", timezone: "UTC", startsAt: soon(48), endsAt: soon(52), capacity: 10 });
    await publishEvent(a.caller, event.id);
    const session = await addSession(a.caller, event.id, { title: "Alpha talk", startsAt: soon(48), endsAt: soon(49) });
    const faq = await addFaq(a.caller, event.id, { question: "Alpha question?", answer: "Alpha answer." });
    const question = await addQuestion(a.caller, event.id, { label: "Alpha company", kind: "text" });
    const { registration } = await registerForEvent(event.id, { name: "Alpha Attendee", email: "attendee@example.test" }, "web");
    const webhook = await db.webhookEvent.create({
      data: { id: newId("whk"), provider: "resend", externalId: `msg_${randomToken()}`, topic: "email.delivered", organizationId: a.org.id, headers: {}, rawBody: '{"type":"email.delivered"}', status: "processed" },
    });
    const phoneNumber = await createPhoneNumber(a.caller, { number: "+15005550177", eventId: event.id });
    const inbound = await handleInboundMessage(
      { messageSid: "SMisolation000000000000000000000001", from: "whatsapp:+447700900555", to: "whatsapp:+15005550177", body: "Something nobody can answer", channel: "whatsapp", receivedAt: new Date() },
      { send: () => Promise.resolve(), llm: null },
    );
    const conversationId = inbound.conversationId!;
    const shopifyProduct = await createShopifyProduct(a.caller, { eventId: event.id, sku: `ALPHA-TICKET-${randomToken(6)}` });
    // A finished job run of the first organization (the executor's own table; runs belong to whoever owns the event's records).
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    await ensureExecutorSchema(pool);
    const runId = `run_${randomUUID().replaceAll("-", "")}`;
    await pool.query("INSERT INTO inngest_local.runs (id, function_id, event_id, event, status, max_attempts) VALUES ($1, 'eventline-event-cancelled-notice', $2, $3, 'completed', 5)", [runId, `iso-${runId}`, JSON.stringify({ name: "event/cancelled", data: { eventId: event.id } })]);
    await pool.end();
    const ids: Record<string, string> = { runId, userId: staff.userId, keyId: key.id, invitationId: invitation.id, eventId: event.id, registrationId: registration.id, conversationId, phoneNumberId: phoneNumber.id, webhookEventId: webhook.id, sessionId: session.id, faqId: faq.id, questionId: question.id, shopifyProductId: shopifyProduct.id };
    const secrets = [runId, a.org.id, staff.userId, staff.email, key.id, invitation.id, "guest@example.test", event.id, event.slug, registration.id, "attendee@example.test", registration.ticketToken, conversationId, phoneNumber.id, "+15005550177", "+447700900555", webhook.id, webhook.externalId, shopifyProduct.id, shopifyProduct.sku];

    const b = await newOrganization("bravo");
    const outsiders: Credentials[] = [b.owner, await addKey(b.org.id, b.owner.userId, "read_write")];
    const failures: string[] = [];
    for (const h of handlers) {
      for (const who of outsiders) {
        const response = await call(h, { params: paramsOf(h, ids), headers: headersFor(who), body: validBodyOf(h, registration.ticketToken, event.id) });
        // `instance` echoes the caller's own request path (with the id it sent); everything else must reveal nothing.
        const text = (await response.text()).replace(/"instance":"[^"]*"/, "");
        const name = `${label(h)} as ${"cookie" in who ? "owner" : "key"} of another organization`;
        if (h.definition.path.includes("{") || ["POST /api/v1/check-in", "POST /api/v1/phone-numbers", "POST /api/v1/shopify-products"].includes(label(h))) {
          // The owner may do everything in their own organization, so only "not found" is right; a key may be refused by scope.
          const expected = "cookie" in who ? [404] : [403, 404];
          if (!expected.includes(response.status)) failures.push(`${name}: ${response.status} ${text}`);
        }
        for (const secret of secrets) if (text.includes(secret)) failures.push(`${name}: answer reveals ${secret}`);
      }
      // Choosing the first organization explicitly is a 404 too, for a member of another one.
      const chosen = await call(h, { params: paramsOf(h, ids), headers: { ...headersFor(b.owner), "x-organization-id": a.org.id }, body: validBodyOf(h, registration.ticketToken, event.id) });
      if (chosen.status !== 404) failures.push(`${label(h)} with x-organization-id of another organization: ${chosen.status}`);
    }
    expect(failures).toEqual([]);
    // Nothing changed in the first organization.
    expect(await db.membership.count({ where: { organizationId: a.org.id } })).toBe(2);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("pending");
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ title: "Alpha summit", status: "published", confirmedCount: 1 });
    expect(await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({ status: "confirmed", checkedInAt: null });
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.eventSession.findMany({ where: { eventId: event.id }, select: { id: true, title: true } })).toEqual([{ id: session.id, title: "Alpha talk" }]);
    expect(await db.faq.findMany({ where: { eventId: event.id }, select: { id: true, answer: true } })).toEqual([{ id: faq.id, answer: "Alpha answer." }]);
    expect(await db.registrationQuestion.findMany({ where: { eventId: event.id }, select: { id: true, label: true } })).toEqual([{ id: question.id, label: "Alpha company" }]);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ status: "processed", attempts: 0 });
    expect(await db.phoneNumber.findMany({ where: { eventId: event.id }, select: { id: true } })).toEqual([{ id: phoneNumber.id }]);
    expect(await db.phoneNumber.count({ where: { number: "+15005550142" } })).toBe(0);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ needsHuman: true });
    expect(await db.conversationMessage.count({ where: { conversationId, direction: "outbound" } })).toBe(1); // the concierge's fallback only
    expect(await db.shopifyProduct.findMany({ where: { eventId: event.id } })).toEqual([expect.objectContaining({ id: shopifyProduct.id, organizationId: a.org.id })]);
    expect(await db.shopifyProduct.count({ where: { sku: "INTRUDER-SKU" } })).toBe(0);
  });
});
