import "server-only";
import { z } from "zod";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { getRun, listRuns, rerun, type RunDetail, type RunSummary } from "./runs";

/**
 * The jobs view for an organization (dashboard and /api/v1/jobs): the local executor's runs whose event names one of
 * the organization's entities (docs/decisions.md #60). Platform runs (cron sweepers, demo and bench pipelines) belong
 * to no organization and are shown to nobody here; operators see them with `npm run jobs`. With Inngest Cloud or a Dev
 * Server the calls answer 409 `jobs_in_inngest`.
 */
export const RUN_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled"] as const;
export const runIdSchema = z.string().regex(/^run_[0-9a-f]{32}$/, "A run id: run_ and 32 hex digits.");
export const listJobRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(RUN_STATUSES).optional(),
  functionId: z.string().max(100).optional().describe("e.g. process-webhook, send-email, send-message, registration-reminders"),
});

export async function listJobRuns(caller: Caller, query: z.output<typeof listJobRunsQuery>): Promise<{ data: RunSummary[]; nextCursor: null }> {
  requirePermission(caller, "jobs.read");
  return { data: await listRuns(query, { organizationId: caller.organizationId }), nextCursor: null };
}

export async function getJobRun(caller: Caller, runId: string): Promise<RunDetail> {
  requirePermission(caller, "jobs.read");
  return getRun(runId, { organizationId: caller.organizationId });
}

export async function rerunJobRun(caller: Caller, runId: string): Promise<{ id: string; rerunOf: string }> {
  requirePermission(caller, "jobs.rerun");
  const { id } = await rerun(runId, { organizationId: caller.organizationId });
  return { id, rerunOf: runId };
}
