/** /api/v1/jobs as the browser sees it. */
export type JobRun = {
  id: string;
  functionId: string;
  eventName: string;
  status: "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  rerunOf: string | null;
};
export type JobRunDetail = JobRun & { event: unknown; output: unknown; steps: { name: string | null; op: string; attempt: number; error: string | null; at: string }[] };

export const JOB_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled"] as const;

/** Job runs change with webhooks, email and messages; the live `job` topic invalidates them. */
export const jobRunsKey = (status?: string) => ["job", "runs", status ?? "all"] as const;
export const jobRunKey = (id: string) => ["job", "run", id] as const;
