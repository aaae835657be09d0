/**
 * The inbox's durability on the real local executor and serve handler: a delivery stored while the job backend was
 * down is processed once the sweeper re-announces it; duplicates start no second run; replay re-processes safely;
 * old payloads are purged while the row stays.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { svixHeaders } from "@/tests/webhooks";
import type { announce, announceAll } from "./inbox";

type Announce = typeof announce;

const secret = vi.hoisted(() => {
  const value = "whsec_aW5ib3gtdGVzdC1zZWNyZXQtMDEyMzQ1Njc4OQ==";
  process.env.CLERK_WEBHOOK_SIGNING_SECRET = value;
  return value;
});

const { NextRequest } = await import("next/server");
const { POST } = await import("@/app/api/webhooks/clerk/route");
const { db } = await import("@/lib/db");
const { randomToken } = await import("@/lib/ids");
const { purgeWebhookPayloads, sweepWebhooks } = await import("./sweep");
const { replayWebhookEvent, getWebhookEvent, listWebhookEvents } = await import("./service");
const { createProcessWebhook } = await import("@/inngest/functions/process-webhook");
const { startHarness } = await import("@/tests/executor-harness");
const { newOrganization, addMember } = await import("@/tests/api");

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness("inbox", (inngest) => [createProcessWebhook(inngest)]);
});
afterAll(() => h.stop());

/** `announce`, but to the harness's executor (the app's own client has no job backend in tests: "it was down"). */
const viaHarness: Announce = async (webhookEventId, options = {}) => {
  await h.inngest.send({ name: "webhook/received", data: { webhookEventId }, id: options.eventId ?? webhookEventId });
};
/** `announceAll` to the harness's executor, one request per call; `requests` records what each request carried. */
const requests: string[][] = [];
const allViaHarness: typeof announceAll = async (announcements) => {
  requests.push(announcements.map((a) => a.webhookEventId));
  await h.inngest.send(announcements.map(({ webhookEventId, eventId }) => ({ name: "webhook/received", data: { webhookEventId }, id: eventId })));
};

function userCreated(clerkId: string, email: string) {
  const now = Date.now();
  return {
    type: "user.created",
    data: { id: clerkId, primary_email_address_id: `idn_${clerkId}`, email_addresses: [{ id: `idn_${clerkId}`, email_address: email, verification: { status: "verified" } }], first_name: "Inbox", last_name: "Test", updated_at: now },
  };
}

async function deliver(event: unknown, id = `msg_${randomToken()}`) {
  const body = JSON.stringify(event);
  const request = new NextRequest("http://localhost:3000/api/webhooks/clerk", { method: "POST", headers: { "content-type": "application/json", ...svixHeaders(secret, id, body) }, body });
  const response = await POST(request, { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  return db.webhookEvent.findUniqueOrThrow({ where: { provider_externalId: { provider: "clerk", externalId: id } } });
}

describe("webhook inbox on the local executor", () => {
  it("processes a delivery the job backend missed once the sweeper re-announces it, exactly once", async () => {
    const row = await deliver(userCreated("user_swept", "swept@example.test"));
    expect(row.status).toBe("received");
    expect(await db.user.count({ where: { clerkUserId: "user_swept" } })).toBe(0);

    const swept = await sweepWebhooks({ olderThanMs: 0, send: allViaHarness });
    expect(swept.resent).toBeGreaterThanOrEqual(1);
    const run = await h.waitForRun("process-webhook", row.id);
    expect(run.status).toBe("completed");
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", attempts: 1 });
    expect(await db.user.count({ where: { clerkUserId: "user_swept" } })).toBe(1);

    // A second sweep finds nothing to do for it; a duplicate announcement starts no second run.
    await sweepWebhooks({ olderThanMs: 0, send: allViaHarness });
    await viaHarness(row.id);
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await h.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM inngest_local.runs WHERE function_id = 'inbox-process-webhook' AND event_id = $1", [row.id]);
    expect(rows[0]!.n).toBe(1);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", attempts: 1 });
  });

  it("re-sends a backlog in one request, not one per delivery, and each is processed once", async () => {
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push(await deliver(userCreated(`user_backlog_${i}`, `backlog${i}@example.test`)));
    requests.length = 0;
    const swept = await sweepWebhooks({ olderThanMs: 0, send: allViaHarness });
    expect(swept.resent).toBeGreaterThanOrEqual(3);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual(expect.arrayContaining(rows.map((row) => row.id)));
    for (const row of rows) expect((await h.waitForRun("process-webhook", row.id)).status).toBe("completed");
    expect(await db.user.count({ where: { clerkUserId: { in: ["user_backlog_0", "user_backlog_1", "user_backlog_2"] } } })).toBe(3);
  });

  it("re-announces a delivery stuck in processing past the lease (a crashed run)", async () => {
    const row = await deliver(userCreated("user_stuck", "stuck@example.test"));
    await db.webhookEvent.update({ where: { id: row.id }, data: { status: "processing", attempts: 1, startedAt: new Date(Date.now() - 10 * 60_000) } });
    const swept = await sweepWebhooks({ olderThanMs: 0, send: allViaHarness });
    expect(swept.restarted).toBeGreaterThanOrEqual(1);
    const run = await h.waitForRun("process-webhook", `${row.id}-restart-1`);
    expect(run.status).toBe("completed");
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", attempts: 2 });
    expect(await db.user.count({ where: { clerkUserId: "user_stuck" } })).toBe(1);
  });

  it("lets the run that claimed a delivery take it back at once after a crash mid-step; other runs wait for the lease", async () => {
    const { processWebhookEvent } = await import("./process");
    const row = await deliver(userCreated("user_crashed", "crashed@example.test"));
    // The app died while run A was processing it (found by the resilience suite: a kill -9 left rows in `processing`
    // for the whole 5-minute lease, although the job backend re-sent run A's step as soon as the app was back).
    await db.webhookEvent.update({ where: { id: row.id }, data: { status: "processing", attempts: 1, startedAt: new Date(), claimedBy: "run_A" } });
    await expect(processWebhookEvent(row.id, { claimant: "run_B" })).rejects.toMatchObject({ name: "WebhookFailed", retriable: true });
    await expect(processWebhookEvent(row.id)).rejects.toMatchObject({ name: "WebhookFailed", retriable: true });
    expect(await processWebhookEvent(row.id, { claimant: "run_A" })).toMatchObject({ status: "processed" });
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", attempts: 2, claimedBy: "run_A" });
    expect(await db.user.count({ where: { clerkUserId: "user_crashed" } })).toBe(1);
    // Done is done: the same run again does nothing.
    expect(await processWebhookEvent(row.id, { claimant: "run_A" })).toMatchObject({ status: "skipped", reason: "already_done" });
  });

  it("replays a processed delivery for its organization: processed again, nothing done twice", async () => {
    const { caller, org } = await newOrganization("replay");
    const row = await deliver(userCreated("user_replayed", "replayed@example.test"));
    await viaHarness(row.id);
    await h.waitForRun("process-webhook", row.id);
    await db.webhookEvent.update({ where: { id: row.id }, data: { organizationId: org.id } }); // as a tenant's handler would file it

    const replayed = await replayWebhookEvent(caller, row.id, viaHarness);
    expect(replayed.status).toBe("received");
    const run = await h.waitForRun("process-webhook", `${row.id}-replay-1`);
    expect(run.status).toBe("completed");
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "processed", attempts: 2 });
    expect(await db.user.count({ where: { clerkUserId: "user_replayed" } })).toBe(1);

    // Listed and readable by the organization, with the signature masked; a viewer may read but not replay.
    const listed = await listWebhookEvents(caller, { limit: 10 });
    expect(listed.data.map((e) => e.id)).toEqual([row.id]);
    const detail = await getWebhookEvent(caller, row.id);
    expect(detail.headers["svix-signature"]).toBe("••••");
    expect(JSON.parse(detail.body)).toMatchObject({ type: "user.created" });
    const viewer = await addMember(org.id, "viewer");
    const viewerCaller = { kind: "user" as const, userId: viewer.userId, organizationId: org.id, role: viewer.role };
    await expect(replayWebhookEvent(viewerCaller, row.id, viaHarness)).rejects.toMatchObject({ status: 403 });

    // Another organization sees nothing of it.
    const other = await newOrganization("replay-other");
    await expect(getWebhookEvent(other.caller, row.id)).rejects.toMatchObject({ status: 404 });
    await expect(replayWebhookEvent(other.caller, row.id, viaHarness)).rejects.toMatchObject({ status: 404 });
  });

  it("purges raw payloads after the retention period and keeps the row and its outcome", async () => {
    const { caller, org } = await newOrganization("purge");
    const old = await deliver(userCreated("user_old", "old@example.test"));
    const fresh = await deliver({ type: "session.created", data: { id: "sess_fresh" } });
    await db.webhookEvent.update({ where: { id: old.id }, data: { status: "processed", organizationId: org.id, receivedAt: new Date(Date.now() - 31 * 86_400_000) } });

    const { purged } = await purgeWebhookPayloads({ retentionDays: 30 });
    expect(purged).toBeGreaterThanOrEqual(1);
    const after = await db.webhookEvent.findUniqueOrThrow({ where: { id: old.id } });
    expect(after).toMatchObject({ status: "processed", rawBody: "", headers: {} });
    expect(after.purgedAt).toBeInstanceOf(Date);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: fresh.id } })).rawBody).toContain("sess_fresh");
    await expect(replayWebhookEvent(caller, old.id, viaHarness)).rejects.toMatchObject({ status: 409, code: "webhook_purged" });
  });
});
