import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureExecutorSchema } from "@/inngest/local-executor/executor";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/service";
import { newId, randomToken } from "@/lib/ids";
import { addMember, newOrganization } from "@/tests/api";
import { getJobRun, listJobRuns, rerunJobRun } from "./service";

/**
 * Runs are the executor's rows (schema inngest_local, written by the executor, not by Prisma); these tests write
 * them in the executor's own shape and check which organization sees which.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const runId = () => `run_${randomUUID().replaceAll("-", "")}`;

async function insertRun(fn: string, event: { name: string; data: Record<string, unknown> }, status = "completed", error: unknown = null): Promise<string> {
  const id = runId();
  await pool.query(
    `INSERT INTO inngest_local.runs (id, function_id, event_id, event, status, max_attempts, attempts_total, error, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, 5, $6, $7, now() - interval '2 seconds', CASE WHEN $5 IN ('completed','failed') THEN now() ELSE NULL END)`,
    [id, `eventline-${fn}`, `evt-${randomToken(8)}`, JSON.stringify({ ...event, ts: Date.now() }), status, status === "failed" ? 5 : 0, error ? JSON.stringify(error) : null],
  );
  await pool.query(`INSERT INTO inngest_local.step_log (run_id, step_id, name, op, attempt) VALUES ($1, 's1', 'do the work', 'ran', 0)`, [id]);
  return id;
}

beforeAll(async () => {
  await ensureExecutorSchema(pool);
});
afterAll(async () => {
  await pool.end();
});

describe("jobs for an organization", () => {
  it("lists only runs whose event names the organization's records, and hides platform runs", async () => {
    const a = await newOrganization("alpha-jobs");
    const b = await newOrganization("bravo-jobs");
    const eventA = await createEvent(a.caller, { title: "Alpha", timezone: "UTC", startsAt: new Date(Date.now() + 864e5).toISOString(), endsAt: new Date(Date.now() + 9e7).toISOString(), capacity: 5 });
    const eventB = await createEvent(b.caller, { title: "Bravo", timezone: "UTC", startsAt: new Date(Date.now() + 864e5).toISOString(), endsAt: new Date(Date.now() + 9e7).toISOString(), capacity: 5 });
    const webhookA = await db.webhookEvent.create({ data: { id: newId("whk"), provider: "resend", externalId: `m_${randomToken()}`, topic: "email.delivered", organizationId: a.org.id, headers: {}, rawBody: "{}", status: "failed" } });

    const mine = [
      await insertRun("process-webhook", { name: "webhook/received", data: { webhookEventId: webhookA.id } }, "failed", { name: "Error", message: "boom" }),
      await insertRun("event-cancelled-notice", { name: "event/cancelled", data: { eventId: eventA.id } }),
      await insertRun("on-failure", { name: "inngest/function.failed", data: { event: { name: "event/cancelled", data: { eventId: eventA.id } }, error: {} } }),
    ];
    const theirs = await insertRun("event-cancelled-notice", { name: "event/cancelled", data: { eventId: eventB.id } });
    const platform = await insertRun("sweep-webhooks", { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } });

    const listed = (await listJobRuns(a.caller, { limit: 200 })).data.map((r) => r.id);
    expect(listed.sort()).toEqual([...mine].sort());
    expect((await listJobRuns(b.caller, { limit: 200 })).data.map((r) => r.id)).toEqual([theirs]);
    expect((await listJobRuns(a.caller, { limit: 200, status: "failed" })).data).toEqual([expect.objectContaining({ id: mine[0], functionId: "process-webhook", lastError: "boom", attempts: 5, durationMs: expect.any(Number) as number })]);

    const detail = await getJobRun(a.caller, mine[0]!);
    expect(detail.steps).toEqual([expect.objectContaining({ name: "do the work", op: "ran" })]);
    await expect(getJobRun(a.caller, theirs)).rejects.toMatchObject({ status: 404 });
    await expect(getJobRun(a.caller, platform)).rejects.toMatchObject({ status: 404 });
    await expect(rerunJobRun(a.caller, theirs)).rejects.toMatchObject({ status: 404 });
    expect(await pool.query("SELECT 1 FROM inngest_local.runs WHERE rerun_of = $1", [theirs]).then((r) => r.rowCount)).toBe(0);
  });

  it("re-runs an organization's finished run for roles with jobs.rerun only", async () => {
    const a = await newOrganization("rerun-jobs");
    const event = await createEvent(a.caller, { title: "Rerun", timezone: "UTC", startsAt: new Date(Date.now() + 864e5).toISOString(), endsAt: new Date(Date.now() + 9e7).toISOString(), capacity: 5 });
    const run = await insertRun("event-cancelled-notice", { name: "event/cancelled", data: { eventId: event.id } }, "failed", { message: "flaky" });
    const viewer = await addMember(a.org.id, "viewer");
    const viewerCaller = { kind: "user" as const, userId: viewer.userId, organizationId: a.org.id, role: "viewer" as const };

    expect((await listJobRuns(viewerCaller, { limit: 10 })).data.map((r) => r.id)).toEqual([run]);
    await expect(rerunJobRun(viewerCaller, run)).rejects.toMatchObject({ status: 403 });

    const { id, rerunOf } = await rerunJobRun(a.caller, run);
    expect(rerunOf).toBe(run);
    const again = await getJobRun(a.caller, id);
    expect(again).toMatchObject({ status: "queued", rerunOf: run, functionId: "event-cancelled-notice" });

    const running = await insertRun("event-cancelled-notice", { name: "event/cancelled", data: { eventId: event.id } }, "running");
    await expect(rerunJobRun(a.caller, running)).rejects.toMatchObject({ status: 409, code: "run_in_progress" });
  });
});
