import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, notFound } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { modes } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Job visibility: the runs of Inngest functions, their steps, and re-running one. With the local executor the runs
 * live in this database (schema `inngest_local`); with Inngest Cloud or a Dev Server, Inngest's own dashboard is the
 * place to look, and these calls say so.
 */

export type RunStatus = "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
export type RunSummary = {
  id: string;
  functionId: string;
  eventName: string;
  status: RunStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  rerunOf: string | null;
};
export type RunStep = { name: string | null; op: string; attempt: number; error: string | null; at: Date };
export type RunDetail = RunSummary & { event: unknown; output: unknown; steps: RunStep[] };

type Row = {
  id: string;
  function_id: string;
  event: { name?: string };
  status: RunStatus;
  attempts_total: number;
  error: { message?: string; name?: string } | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  rerun_of: string | null;
  output?: unknown;
};

const APP_PREFIX = "eventline-";

function assertLocal() {
  if (modes.jobs !== "local-executor") {
    throw new AppError("jobs_in_inngest", 409, "Jobs run on Inngest; see their runs in the Inngest dashboard.");
  }
}

function errorText(error: Row["error"]): string | null {
  if (!error) return null;
  return error.message ? `${error.name && error.name !== "Error" ? `${error.name}: ` : ""}${error.message}` : JSON.stringify(error);
}

function toSummary(row: Row): RunSummary {
  return {
    id: row.id,
    functionId: row.function_id.startsWith(APP_PREFIX) ? row.function_id.slice(APP_PREFIX.length) : row.function_id,
    eventName: row.event?.name ?? "",
    status: row.status,
    attempts: Math.max(1, row.attempts_total + (row.status === "completed" ? 1 : 0)),
    lastError: errorText(row.error),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.finished_at && row.started_at ? row.finished_at.getTime() - row.started_at.getTime() : null,
    rerunOf: row.rerun_of,
  };
}

/**
 * Runs belong to no organization in the executor's tables; a run is an organization's when the entity its event names
 * is (docs/decisions.md #60): the webhook delivery, email, outbound message, registration or event in `data` (for
 * `inngest/function.failed`, in the failed run's event). Cron runs and demo/bench runs belong to nobody.
 */
export type RunScope = { organizationId: string } | null;

/** How many of the newest runs an organization's list looks through (its runs among them are shown). */
export const SCOPED_WINDOW = 2_000;

function scopeSql(scope: RunScope, alias = "r"): Prisma.Sql {
  if (!scope) return Prisma.empty;
  const r = Prisma.raw(alias);
  const org = scope.organizationId;
  const d = Prisma.sql`(CASE WHEN ${r}.event->>'name' = 'inngest/function.failed' THEN ${r}.event->'data'->'event'->'data' ELSE ${r}.event->'data' END)`;
  return Prisma.sql`AND (
    EXISTS (SELECT 1 FROM webhook_events x WHERE x.id = ${d}->>'webhookEventId' AND x."organizationId" = ${org})
    OR EXISTS (SELECT 1 FROM email_messages x WHERE x.id = ${d}->>'emailId' AND x."organizationId" = ${org})
    OR EXISTS (SELECT 1 FROM outbound_messages x WHERE x.id = ${d}->>'messageId' AND x."organizationId" = ${org})
    OR EXISTS (SELECT 1 FROM registrations x WHERE x.id = ${d}->>'registrationId' AND x."organizationId" = ${org})
    OR EXISTS (SELECT 1 FROM events x WHERE x.id = ${d}->>'eventId' AND x."organizationId" = ${org})
  )`;
}

async function executorTablesExist(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ ok: boolean }[]>`SELECT to_regclass('inngest_local.runs') IS NOT NULL AS ok`;
  return Boolean(row?.ok);
}

export async function listRuns(filter: { status?: RunStatus | undefined; functionId?: string | undefined; limit?: number } = {}, scope: RunScope = null): Promise<RunSummary[]> {
  assertLocal();
  if (!(await executorTablesExist())) return [];
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const fn = filter.functionId ?? null;
  // Runs carry no organization, so a scoped list tests each candidate against the organization's rows. The candidates
  // are the SCOPED_WINDOW newest runs of the filter: a bounded cost however many runs other organizations made (an
  // unbounded newest-first scan read every run in the table for an organization with few: 200 ms at 60,000 runs).
  const window = scope ? SCOPED_WINDOW : limit;
  const rows = await db.$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT id, function_id, event, status, attempts_total, error, created_at, started_at, finished_at, rerun_of
      FROM inngest_local.runs
      WHERE (${filter.status ?? null}::text IS NULL OR status = ${filter.status ?? null})
        AND (${fn}::text IS NULL OR function_id = ${fn} OR function_id = ${APP_PREFIX} || ${fn})
      ORDER BY created_at DESC LIMIT ${window}
    ) r
    WHERE true ${scopeSql(scope)}
    ORDER BY created_at DESC LIMIT ${limit}`;
  return rows.map(toSummary);
}

export async function getRun(id: string, scope: RunScope = null): Promise<RunDetail> {
  assertLocal();
  if (!(await executorTablesExist())) throw notFound("run");
  const [row] = await db.$queryRaw<Row[]>`
    SELECT id, function_id, event, status, attempts_total, error, created_at, started_at, finished_at, rerun_of, output
    FROM inngest_local.runs r WHERE id = ${id} ${scopeSql(scope)}`;
  if (!row) throw notFound("run");
  const steps = await db.$queryRaw<{ name: string | null; op: string; attempt: number; error: Row["error"]; at: Date }[]>`
    SELECT name, op, attempt, error, at FROM inngest_local.step_log WHERE run_id = ${id} ORDER BY id`;
  return {
    ...toSummary(row),
    event: row.event,
    output: row.output ?? null,
    steps: steps.map((s) => ({ name: s.name, op: s.op, attempt: s.attempt, error: errorText(s.error), at: s.at })),
  };
}

/** Starts the run's function again with the same event, as a new run linked to the old one. */
export async function rerun(id: string, scope: RunScope = null): Promise<{ id: string }> {
  assertLocal();
  if (scope) await getRun(id, scope); // 404 unless the run is the organization's
  const newId = `run_${randomUUID().replaceAll("-", "")}`;
  const inserted = await db.$executeRaw`
    INSERT INTO inngest_local.runs (id, function_id, event_id, event, status, max_attempts, rerun_of)
    SELECT ${newId}, function_id, event_id, event, 'queued', max_attempts, id FROM inngest_local.runs
    WHERE id = ${id} AND status IN ('completed', 'failed', 'cancelled')`;
  if (inserted === 0) {
    await getRun(id); // 404 when it does not exist
    throw new AppError("run_in_progress", 409, "This run has not finished yet; re-run it once it has.");
  }
  return { id: newId };
}
