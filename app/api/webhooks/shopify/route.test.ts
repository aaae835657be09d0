/**
 * Shopify ticket orders end to end: the documented HMAC over the raw body, the inbox's dedupe and failure handling,
 * and orders/create / orders/cancelled processed against real events, registrations and mappings.
 */
import { describe, expect, it, vi } from "vitest";
import { shopifySigned } from "@/tests/webhooks";

const secret = vi.hoisted(() => {
  const value = "test-shopify-webhook-secret-0123456789";
  process.env.SHOPIFY_WEBHOOK_SECRET = value;
  return value;
});

const { NextRequest } = await import("next/server");
const { POST } = await import("./route");
const { db } = await import("@/lib/db");
const { randomToken } = await import("@/lib/ids");
const { processWebhookEvent } = await import("@/lib/webhooks/process");
const { getWebhookEvent, listWebhookEvents, replayWebhookEvent } = await import("@/lib/webhooks/service");
const { createEvent, publishEvent, cancelEvent } = await import("@/lib/events/service");
const { registerForEvent } = await import("@/lib/registrations/service");
const { changeEmailKey } = await import("@/lib/registrations/notifications");
const { createShopifyProduct } = await import("@/lib/shopify/products");
const { newOrganization } = await import("@/tests/api");

const ctx = { params: Promise.resolve({}) };
const URL_ = "http://localhost:3000/api/webhooks/shopify";
const webhookId = () => `b54557e4-${randomToken(8)}-${randomToken(12)}`;
const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

function shopifyRequest(body: string, options: { topic?: string; id?: string; signature?: string | null } = {}) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-topic": options.topic ?? "orders/create",
    "x-shopify-webhook-id": options.id ?? webhookId(),
    "x-shopify-shop-domain": "eventline-test.myshopify.com",
    "x-shopify-api-version": "2025-07",
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  const signature = options.signature === undefined ? shopifySigned(secret, body) : options.signature;
  if (signature !== null) headers["x-shopify-hmac-sha256"] = signature;
  return new NextRequest(URL_, { method: "POST", headers, body });
}

/** Processes a stored delivery (the job's step) and returns its outcome, with the handler's note ("" when none). */
async function processed(webhookEventId: string) {
  const outcome = await processWebhookEvent(webhookEventId);
  return { ...outcome, note: "note" in outcome ? (outcome.note ?? "") : "" };
}

const rows = (externalId: string) => db.webhookEvent.findMany({ where: { provider: "shopify", externalId } });

/** Delivers a signed body and returns the stored row. */
async function deliver(payload: unknown, topic = "orders/create", id = webhookId()) {
  const response = await POST(shopifyRequest(typeof payload === "string" ? payload : JSON.stringify(payload), { topic, id }), ctx);
  expect(response.status).toBe(200);
  return db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "shopify", externalId: id } } });
}

let orderSeq = 5_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** An order as Shopify's orders/create and orders/cancelled webhooks send it (the documented fields we read). */
function order(lines: { sku: string | null; quantity?: number; title?: string }[], buyer: { first: string; last: string; email: string; phone?: string | null } = { first: "Ada", last: "Lovelace", email: `ada-${randomToken(6)}@example.test` }) {
  const id = ++orderSeq;
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    email: buyer.email,
    created_at: new Date().toISOString(),
    currency: "EUR",
    financial_status: "paid",
    cancelled_at: null,
    name: `#${id % 10_000}`,
    customer: { id: id + 7, email: buyer.email, first_name: buyer.first, last_name: buyer.last, phone: buyer.phone ?? null },
    billing_address: { first_name: buyer.first, last_name: buyer.last, name: `${buyer.first} ${buyer.last}`, phone: null, city: "London", country_code: "GB" },
    line_items: lines.map((line, i) => {
      const lineId = id * 10 + i + 1;
      return {
        id: lineId,
        admin_graphql_api_id: `gid://shopify/LineItem/${lineId}`,
        sku: line.sku,
        quantity: line.quantity ?? 1,
        title: line.title ?? "Ticket",
        price: "25.00",
        variant_id: 40_000_000 + i,
        product_id: 30_000_000 + i,
      };
    }),
  };
}

async function mappedEvent(orgName: string, capacity = 10) {
  const { caller, org } = await newOrganization(orgName);
  const event = await createEvent(caller, { title: `${orgName} conf`, timezone: "Europe/London", startsAt: soon(48), endsAt: soon(52), capacity });
  await publishEvent(caller, event.id);
  const sku = `TICKET-${randomToken(8)}`;
  const mapping = await createShopifyProduct(caller, { eventId: event.id, sku });
  return { caller, org, event, sku, mapping };
}

describe("Shopify signature check (documented algorithm)", () => {
  it("stores a correctly signed delivery and acknowledges it", async () => {
    const id = webhookId();
    const body = JSON.stringify(order([{ sku: "NOT-MAPPED" }]));
    const response = await POST(shopifyRequest(body, { id }), ctx);
    expect(response.status).toBe(200);
    const [row] = await rows(id);
    expect(row).toMatchObject({ topic: "orders/create", status: "received", rawBody: body });
    expect(Object.keys(row!.headers as object)).toEqual(expect.arrayContaining(["x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain"]));
  });

  it("refuses tampered, missing and wrong-secret signatures with 401, storing nothing", async () => {
    const id = webhookId();
    const body = JSON.stringify(order([{ sku: "ANY" }]));
    const signature = shopifySigned(secret, body);
    const tampered = await POST(shopifyRequest(body.replace('"quantity":1', '"quantity":9'), { id, signature }), ctx);
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get("content-type")).toBe("application/problem+json");
    expect(await tampered.json()).toMatchObject({ code: "invalid_signature" });
    expect((await POST(shopifyRequest(body, { id, signature: null }), ctx)).status).toBe(401);
    expect((await POST(shopifyRequest(body, { id, signature: shopifySigned("another-shop-secret-000000", body) }), ctx)).status).toBe(401);
    expect((await POST(shopifyRequest(body, { id, signature: "not base64 at all" }), ctx)).status).toBe(401);
    expect(await rows(id)).toHaveLength(0);
  });

  it("refuses a body over 1 MB with 413 and stores nothing", async () => {
    const id = webhookId();
    const big = order([{ sku: "BIG", title: "x".repeat(1024 * 1024 + 10) }]);
    const response = await POST(shopifyRequest(JSON.stringify(big), { id }), ctx);
    expect(response.status).toBe(413);
    expect(await rows(id)).toHaveLength(0);
  });

  it("stores a duplicate delivery (same X-Shopify-Webhook-Id) once", async () => {
    const id = webhookId();
    const body = JSON.stringify(order([{ sku: "DUP" }]));
    const answers = await Promise.all([1, 2, 3].map(() => POST(shopifyRequest(body, { id }), ctx)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await rows(id)).toHaveLength(1);
  });

  it("stores an unknown topic as ignored, and signed non-JSON as failed with the reason", async () => {
    const product = await deliver({ id: 632910392, title: "Conference ticket", variants: [] }, "products/update");
    expect(product).toMatchObject({ topic: "products/update", status: "ignored" });

    const id = webhookId();
    expect((await POST(shopifyRequest("<order>not json</order>", { id }), ctx)).status).toBe(200);
    expect((await rows(id))[0]).toMatchObject({ status: "failed", lastError: "The body is not JSON." });
  });

  it("fails (without retrying) a JSON body that is not an order", async () => {
    const row = await deliver({ hello: "world" });
    await expect(processWebhookEvent(row.id)).rejects.toMatchObject({ retriable: false });
    const failed = await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/^The body is not a Shopify order \(id: /);
  });
});

describe("orders/create", () => {
  it("registers the buyer for the mapped line only, source shopify, filed under the organization; a replay or retry creates nothing twice", async () => {
    const { caller, org, event, sku } = await mappedEvent("shop-create");
    const payload = order([{ sku, quantity: 2, title: "Conference ticket" }, { sku: "T-SHIRT-L", title: "T-shirt" }], { first: "Grace", last: "Hopper", email: "Grace.Hopper@Example.test", phone: "+14155550100" });
    const row = await deliver(payload);
    const outcome = await processed(row.id);
    expect(outcome).toMatchObject({ status: "processed", organizationId: org.id });
    expect(outcome.note).toMatch(/confirmed; quantity 2, one registration per buyer/);

    const registrations = await db.registration.findMany({ where: { eventId: event.id } });
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toMatchObject({ name: "Grace Hopper", email: "grace.hopper@example.test", phone: "+14155550100", source: "shopify", status: "confirmed" });
    expect(await db.shopifyOrderRegistration.findMany({ where: { orderId: String(payload.id) } })).toEqual([
      expect.objectContaining({ lineItemId: String(payload.line_items[0]!.id), quantity: 2, registrationId: registrations[0]!.id, organizationId: org.id, sku }),
    ]);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", organizationId: org.id });
    expect(await db.emailMessage.count({ where: { idempotencyKey: changeEmailKey("confirmed", registrations[0]!) } })).toBe(1);
    expect((await listWebhookEvents(caller, { limit: 10, provider: "shopify" })).data.map((e) => e.id)).toEqual([row.id]);
    const other = await newOrganization("shop-create-other");
    await expect(getWebhookEvent(other.caller, row.id)).rejects.toMatchObject({ status: 404 });
    expect((await listWebhookEvents(other.caller, { limit: 10 })).data).toEqual([]);

    // The organization replays it; Shopify retries it under a new webhook id: still one registration, one link.
    await replayWebhookEvent(caller, row.id, async () => {});
    const replayed = await processed(row.id);
    expect(replayed).toMatchObject({ status: "processed" });
    expect(replayed.note).toContain("already registered by this order");
    const retry = await deliver(payload);
    expect(await processWebhookEvent(retry.id)).toMatchObject({ status: "processed", organizationId: org.id });
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.shopifyOrderRegistration.count({ where: { orderId: String(payload.id) } })).toBe(1);
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ confirmedCount: 1 });
  });

  it("ignores an order with no mapped SKU, filed under no organization", async () => {
    const row = await deliver(order([{ sku: "UNMAPPED-MUG" }, { sku: null }]));
    expect(await processWebhookEvent(row.id)).toMatchObject({ status: "ignored", organizationId: null, note: "no line item has a mapped SKU" });
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "ignored", organizationId: null });
  });

  it("waitlists the buyer when the event is full", async () => {
    const { event, sku } = await mappedEvent("shop-full", 1);
    await registerForEvent(event.id, { name: "First Comer", email: "first@example.test" }, "web");
    const row = await deliver(order([{ sku }]));
    const waitlisted = await processed(row.id);
    expect(waitlisted).toMatchObject({ status: "processed" });
    expect(waitlisted.note).toContain("waitlisted");
    const shopper = await db.registration.findFirstOrThrow({ where: { eventId: event.id, source: "shopify" } });
    expect(shopper).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
  });

  it("records a refusal (cancelled event) as processed with the reason, registering nobody", async () => {
    const { caller, org, event, sku } = await mappedEvent("shop-refused");
    await cancelEvent(caller, event.id);
    const row = await deliver(order([{ sku }]));
    const outcome = await processed(row.id);
    expect(outcome).toMatchObject({ status: "processed", organizationId: org.id });
    expect(outcome.note).toContain("refused: This event has been cancelled.");
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", lastError: null });
  });

  it("creates one registration when two deliveries of the same order are processed at once", async () => {
    const { event, sku } = await mappedEvent("shop-concurrent");
    const payload = order([{ sku }]);
    const [a, b] = [await deliver(payload), await deliver(payload)];
    const outcomes = await Promise.all([processed(a.id), processed(b.id)]);
    expect(outcomes.map((o) => o.status)).toEqual(["processed", "processed"]);
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.shopifyOrderRegistration.count({ where: { orderId: String(payload.id) } })).toBe(1);
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ confirmedCount: 1 });
  });

  it("registers nobody for an order without a usable email, saying why, and falls back to the billing name", async () => {
    const { event, sku } = await mappedEvent("shop-buyer");
    const noEmail = { ...order([{ sku }]), email: null, customer: null };
    const outcome = await processed((await deliver(noEmail)).id);
    expect(outcome.status).toBe("processed");
    expect(outcome.note).toContain("nobody registered: the order's buyer cannot be registered (email:");
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(0);

    const guest = { ...order([{ sku }], { first: "Billing", last: "Name", email: "guest-checkout@example.test", phone: "0155 not e164" }), customer: null };
    await processed((await deliver(guest)).id);
    expect(await db.registration.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({ name: "Billing Name", email: "guest-checkout@example.test", phone: null });
  });

  it("takes the exact order id from admin_graphql_api_id (JSON numbers past 2^53 lose digits)", async () => {
    const { event, sku } = await mappedEvent("shop-bigid");
    const payload = order([{ sku }]);
    const body = JSON.stringify(payload)
      .replace(`"id":${payload.id},`, `"id":820982911946154508,`)
      .replace(`"gid://shopify/Order/${payload.id}"`, `"gid://shopify/Order/820982911946154508"`);
    const row = await deliver(body); // JSON.parse rounds `id` to 820982911946154500; the gid string keeps every digit
    await processWebhookEvent(row.id);
    const link = await db.shopifyOrderRegistration.findFirstOrThrow({ where: { registration: { eventId: event.id } } });
    expect(link.orderId).toBe("820982911946154508");
  });
});

describe("orders/cancelled", () => {
  it("cancels the order's registration, promotes the first on the waitlist, and changes nothing when repeated", async () => {
    const { org, event, sku } = await mappedEvent("shop-cancel", 1);
    const payload = order([{ sku }]);
    await processWebhookEvent((await deliver(payload)).id);
    const bought = await db.registration.findFirstOrThrow({ where: { eventId: event.id, source: "shopify" } });
    expect(bought.status).toBe("confirmed");
    const { registration: waiting } = await registerForEvent(event.id, { name: "Wait Ing", email: "waiting@example.test" }, "web");
    expect(waiting.status).toBe("waitlisted");

    const cancelled = await deliver({ ...payload, cancelled_at: new Date().toISOString(), cancel_reason: "customer" }, "orders/cancelled");
    const cancelling = await processed(cancelled.id);
    expect(cancelling).toMatchObject({ status: "processed", organizationId: org.id });
    expect(cancelling.note).toContain("promoted from the waitlist");
    expect(await db.registration.findUniqueOrThrow({ where: { id: bought.id } })).toMatchObject({ status: "cancelled" });
    const promoted = await db.registration.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(promoted).toMatchObject({ status: "confirmed", waitlistPosition: null });
    expect(await db.emailMessage.count({ where: { idempotencyKey: changeEmailKey("cancelled", bought) } })).toBe(1);
    expect(await db.emailMessage.count({ where: { idempotencyKey: changeEmailKey("promoted", promoted) } })).toBe(1);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({ status: "processed", organizationId: org.id });

    // Shopify sends it again (new webhook id), and the orders/create is replayed late: nothing changes.
    expect(await processWebhookEvent((await deliver(payload, "orders/cancelled")).id)).toMatchObject({ status: "processed" });
    const lateCreate = await processed((await deliver(payload)).id);
    expect(lateCreate).toMatchObject({ status: "processed" });
    expect(lateCreate.note).toContain("cancelled before it was processed");
    expect(await db.registration.findUniqueOrThrow({ where: { id: bought.id } })).toMatchObject({ status: "cancelled" });
    expect(await db.registration.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "confirmed" });
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ confirmedCount: 1 });
  });

  it("keeps a registration the buyer made on the web before ordering", async () => {
    const { event, sku } = await mappedEvent("shop-keep");
    const email = "web-first@example.test";
    const { registration } = await registerForEvent(event.id, { name: "Web First", email }, "web");
    const payload = order([{ sku }], { first: "Web", last: "First", email });
    const ordered = await processed((await deliver(payload)).id);
    expect(ordered.note).toContain("already registered (confirmed)");
    const cancelling = await processed((await deliver(payload, "orders/cancelled")).id);
    expect(cancelling).toMatchObject({ status: "processed" });
    expect(cancelling.note).toContain("kept: registered through web");
    expect(await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({ status: "confirmed", source: "web" });
  });

  it("keeps a registration another live order of the same buyer holds, and cancels it with the last one", async () => {
    const { event, sku } = await mappedEvent("shop-two-orders");
    const buyer = { first: "Two", last: "Orders", email: "two-orders@example.test" };
    const first = order([{ sku }], buyer);
    const second = order([{ sku }], buyer);
    await processed((await deliver(first)).id);
    const again = await processed((await deliver(second)).id);
    expect(again.note).toContain("already registered (confirmed)");
    const registration = await db.registration.findFirstOrThrow({ where: { eventId: event.id } });
    expect(await db.shopifyOrderRegistration.count({ where: { registrationId: registration.id } })).toBe(2);

    const firstCancelled = await processed((await deliver(first, "orders/cancelled")).id);
    expect(firstCancelled.note).toContain("kept: another order holds it");
    expect(await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({ status: "confirmed" });
    const secondCancelled = await processed((await deliver(second, "orders/cancelled")).id);
    expect(secondCancelled.note).toContain(`${registration.id} cancelled`);
    expect(await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({ status: "cancelled" });
  });

  it("leaves no live registration when an order's create and cancel are processed at the same time, whichever wins", async () => {
    const { event, sku } = await mappedEvent("shop-race", 50);
    for (let i = 0; i < 6; i++) {
      const payload = order([{ sku }]);
      const [created, cancelled] = [await deliver(payload), await deliver(payload, "orders/cancelled")];
      await Promise.all(i % 2 === 0 ? [processed(created.id), processed(cancelled.id)] : [processed(cancelled.id), processed(created.id)]);
      const live = await db.registration.count({ where: { eventId: event.id, email: payload.email, status: { not: "cancelled" } } });
      expect(live, `round ${i}`).toBe(0);
    }
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ confirmedCount: 0 });
  });

  it("ignores a cancellation of an order with no mapped SKU", async () => {
    const row = await deliver(order([{ sku: "UNMAPPED" }]), "orders/cancelled");
    expect(await processWebhookEvent(row.id)).toMatchObject({ status: "ignored", organizationId: null });
  });
});
