import { createHmac, randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

// lib/env parses process.env when first imported: configure the signing secret before any import.
const secret = vi.hoisted(() => {
  const value = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64")}`;
  process.env.CLERK_WEBHOOK_SIGNING_SECRET = value;
  return value;
});

const { POST } = await import("./route");
const { db } = await import("@/lib/db");
const { env } = await import("@/lib/env");
const { createOrganization } = await import("@/lib/organizations/service");
const { processWebhookEvent } = await import("@/lib/webhooks/process");

type Delivery = { id?: string; timestamp?: number; secret?: string; signed?: boolean };

/** Svix signing: `v1,` + base64 HMAC-SHA256 over `${svix-id}.${svix-timestamp}.${body}`, keyed by the decoded secret. */
function deliver(event: unknown, options: Delivery = {}) {
  const id = options.id ?? `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const body = JSON.stringify(event);
  const key = Buffer.from((options.secret ?? secret).slice("whsec_".length), "base64");
  const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Svix-Webhooks/1.0", "x-forwarded-for": "203.0.113.9" };
  if (options.signed !== false) Object.assign(headers, { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature });
  const request = new NextRequest("http://localhost:3000/api/webhooks/clerk", { method: "POST", headers, body });
  return POST(request, { params: Promise.resolve({}) });
}

/** What the `process-webhook` job does for a stored delivery (the route only stores and acknowledges). */
async function processStored(svixId: string) {
  const row = await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: svixId } } });
  return processWebhookEvent(row.id);
}

/** Delivers and, when the route stored it, processes it as the job would. */
async function deliverAndProcess(event: unknown, options: Delivery = {}) {
  const id = options.id ?? `msg_${randomBytes(8).toString("hex")}`;
  const response = await deliver(event, { ...options, id });
  if (response.status === 200) await processStored(id);
  return response;
}

const BASE = Date.now() - 10 * 60_000;

function userEvent(type: "user.created" | "user.updated", id: string, fields: { email: string; first?: string; last?: string; updatedAt: number }) {
  return {
    type,
    object: "event",
    timestamp: fields.updatedAt,
    instance_id: "ins_test",
    data: {
      object: "user",
      id,
      username: null,
      first_name: fields.first ?? null,
      last_name: fields.last ?? null,
      primary_email_address_id: `idn_${id}`,
      email_addresses: [
        { id: `idn_${id}`, object: "email_address", email_address: fields.email, verification: { status: "verified", strategy: "email_code" }, linked_to: [] },
      ],
      created_at: BASE,
      updated_at: fields.updatedAt,
    },
  };
}
const deletedEvent = (id: string) => ({ type: "user.deleted", object: "event", timestamp: Date.now(), data: { object: "user", id, deleted: true } });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(((await response.json()) as { code: string }).code).toBe(code);
}

describe("POST /api/webhooks/clerk", () => {
  it("stores a signed user.created with its svix headers only, acknowledges it, and processing creates the user", async () => {
    const response = await deliver(userEvent("user.created", "user_ada", { email: "Ada@Example.test", first: "Ada", last: "Lovelace", updatedAt: BASE }), { id: "msg_created_ada" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const stored = await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: "msg_created_ada" } } });
    expect(stored).toMatchObject({ topic: "user.created", status: "received", attempts: 0 });
    expect(Object.keys(stored.headers as object).sort()).toEqual(["content-type", "svix-id", "svix-signature", "svix-timestamp", "user-agent"]);
    expect(JSON.parse(stored.rawBody)).toMatchObject({ type: "user.created", data: { id: "user_ada" } });
    expect(await db.user.count({ where: { clerkUserId: "user_ada" } })).toBe(0); // not applied before the job runs

    expect(await processStored("msg_created_ada")).toMatchObject({ status: "processed" });
    const user = await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_ada" } });
    expect(user).toMatchObject({ email: "ada@example.test", name: "Ada Lovelace", passwordHash: null });
    const processed = await db.webhookEvent.findUniqueOrThrow({ where: { id: stored.id } });
    expect(processed).toMatchObject({ status: "processed", attempts: 1, lastError: null });
    expect(processed.processedAt).toBeInstanceOf(Date);
  });

  it("stores a repeated svix-id once and applies it once", async () => {
    const first = userEvent("user.created", "user_dup", { email: "dup@example.test", first: "First", updatedAt: BASE });
    expect((await deliverAndProcess(first, { id: "msg_dup" })).status).toBe(200);
    expect((await deliver(first, { id: "msg_dup" })).status).toBe(200);
    // Even a different (newer) payload under the same svix-id is not stored or applied again.
    const changed = userEvent("user.updated", "user_dup", { email: "dup@example.test", first: "Changed", updatedAt: BASE + 60_000 });
    expect((await deliver(changed, { id: "msg_dup" })).status).toBe(200);
    expect(await processStored("msg_dup")).toEqual({ status: "skipped", reason: "already_done" });

    expect((await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_dup" } })).name).toBe("First");
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: "msg_dup" } } })).toMatchObject({ attempts: 1, topic: "user.created" });
  });

  it("rejects a missing or wrong signature with 401 and stores nothing but a counter", async () => {
    const before = await db.webhookRejection.findUnique({ where: { provider_reason: { provider: "clerk", reason: "invalid_signature" } } });
    const event = userEvent("user.created", "user_mallory", { email: "mallory@example.test", updatedAt: BASE });
    await expectProblem(await deliver(event, { id: "msg_unsigned", signed: false }), 401, "invalid_signature");
    const otherSecret = `whsec_${randomBytes(24).toString("base64")}`;
    await expectProblem(await deliver(event, { id: "msg_wrong_key", secret: otherSecret }), 401, "invalid_signature");

    expect(await db.webhookEvent.count({ where: { externalId: { in: ["msg_unsigned", "msg_wrong_key"] } } })).toBe(0);
    expect(await db.user.count({ where: { clerkUserId: "user_mallory" } })).toBe(0);
    const after = await db.webhookRejection.findUniqueOrThrow({ where: { provider_reason: { provider: "clerk", reason: "invalid_signature" } } });
    expect(after.count).toBe((before?.count ?? 0) + 1);
    expect((await db.webhookRejection.findUniqueOrThrow({ where: { provider_reason: { provider: "clerk", reason: "missing_signature" } } })).count).toBeGreaterThanOrEqual(1);
  });

  it("rejects a correctly signed delivery whose timestamp is older than 5 minutes", async () => {
    const event = userEvent("user.created", "user_replay", { email: "replay@example.test", updatedAt: BASE });
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    await expectProblem(await deliver(event, { id: "msg_replay", timestamp: old }), 401, "stale_webhook");
    expect(await db.webhookEvent.count({ where: { externalId: "msg_replay" } })).toBe(0);

    // The same delivery with a fresh timestamp is accepted: the age, not the payload, was the problem.
    expect((await deliverAndProcess(event, { id: "msg_replay" })).status).toBe(200);
    expect(await db.user.count({ where: { clerkUserId: "user_replay" } })).toBe(1);
  });

  it("stores a correctly signed body that is not JSON as failed with the reason, and never processes it", async () => {
    const id = "msg_not_json";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = "{not json";
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
    const request = new NextRequest("http://localhost:3000/api/webhooks/clerk", {
      method: "POST",
      headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature },
      body,
    });
    expect((await POST(request, { params: Promise.resolve({}) })).status).toBe(200);
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: id } } });
    expect(row).toMatchObject({ status: "failed", lastError: "The body is not JSON.", rawBody: body });
  });

  it("keeps the newest data when user.updated arrives before user.created", async () => {
    const updated = userEvent("user.updated", "user_ooo", { email: "new@example.test", first: "Newer", updatedAt: BASE + 120_000 });
    const created = userEvent("user.created", "user_ooo", { email: "old@example.test", first: "Older", updatedAt: BASE });

    expect((await deliverAndProcess(updated)).status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_ooo" } })).toMatchObject({ email: "new@example.test", name: "Newer" });

    expect((await deliverAndProcess(created)).status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_ooo" } })).toMatchObject({ email: "new@example.test", name: "Newer" });
    expect(await db.user.count({ where: { clerkUserId: "user_ooo" } })).toBe(1);
  });

  it("applies an update that Clerk made before we processed the creation (in order, delivered late)", async () => {
    expect((await deliverAndProcess(userEvent("user.created", "user_late", { email: "late@example.test", first: "Before", updatedAt: BASE }))).status).toBe(200);
    expect((await deliverAndProcess(userEvent("user.updated", "user_late", { email: "late2@example.test", first: "After", updatedAt: BASE + 1_000 }))).status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_late" } })).toMatchObject({ email: "late2@example.test", name: "After" });
  });

  it("deletes the user (and their memberships) on user.deleted, and a late user.created does not bring them back", async () => {
    const created = userEvent("user.created", "user_bye", { email: "bye@example.test", first: "Bye", updatedAt: BASE });
    expect((await deliverAndProcess(created)).status).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_bye" } });
    await createOrganization(user.id, { name: "Bye events" });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);

    expect((await deliverAndProcess(deletedEvent("user_bye"))).status).toBe(200);
    expect(await db.user.count({ where: { clerkUserId: "user_bye" } })).toBe(0);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);

    expect((await deliverAndProcess(created)).status).toBe(200); // a retry of the creation under a new svix-id, after the deletion
    expect(await db.user.count({ where: { clerkUserId: "user_bye" } })).toBe(0);

    // Deleting a user we never had is fine.
    expect((await deliverAndProcess(deletedEvent("user_never"))).status).toBe(200);
  });

  it("marks an event it cannot apply as failed (retriable), and the job's retry applies it", async () => {
    const taken = userEvent("user.created", "user_first", { email: "shared@example.test", first: "First", updatedAt: BASE });
    expect((await deliverAndProcess(taken)).status).toBe(200);
    const clash = userEvent("user.created", "user_second", { email: "shared@example.test", first: "Second", updatedAt: BASE });

    expect((await deliver(clash, { id: "msg_clash" })).status).toBe(200); // stored and acknowledged either way
    await expect(processStored("msg_clash")).rejects.toMatchObject({ name: "WebhookFailed", retriable: true });
    const failed = await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: "msg_clash" } } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("already uses this email");
    expect(await db.user.count({ where: { clerkUserId: "user_second" } })).toBe(0);

    expect((await deliverAndProcess(deletedEvent("user_first"))).status).toBe(200);
    expect(await processStored("msg_clash")).toMatchObject({ status: "processed" });
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "processed", attempts: 2, lastError: null });
    expect(await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_second" } })).toMatchObject({ email: "shared@example.test", name: "Second" });
  });

  it("acknowledges and records event types it does not handle as ignored", async () => {
    const response = await deliver({ type: "session.created", object: "event", data: { id: "sess_1", user_id: "user_x" } }, { id: "msg_session" });
    expect(response.status).toBe(200);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: "msg_session" } } })).toMatchObject({
      topic: "session.created",
      status: "ignored",
    });
  });

  it("answers 503 when no signing secret is configured", async () => {
    const configured = env.CLERK_WEBHOOK_SIGNING_SECRET;
    const embedded = env.EMBEDDED_DATABASE;
    env.CLERK_WEBHOOK_SIGNING_SECRET = undefined;
    env.EMBEDDED_DATABASE = undefined;
    try {
      await expectProblem(await deliver(userEvent("user.created", "user_nc", { email: "nc@example.test", updatedAt: BASE }), { id: "msg_nc" }), 503, "webhook_not_configured");
    } finally {
      env.CLERK_WEBHOOK_SIGNING_SECRET = configured;
      env.EMBEDDED_DATABASE = embedded;
    }
    expect(await db.webhookEvent.count({ where: { externalId: "msg_nc" } })).toBe(0);
  });
});
