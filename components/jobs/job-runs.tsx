"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog, Modal } from "@/components/webhooks/modal";
import { buttonClass } from "@/components/ui/button-class";
import { Alert, Badge, EmptyState } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { apiFetch, ApiError } from "@/lib/query/fetch";
import { formatInZone } from "@/lib/time";
import { JOB_STATUSES, jobRunKey, jobRunsKey, type JobRun, type JobRunDetail } from "./types";

const TONE = { queued: "amber", running: "brand", waiting: "slate", completed: "emerald", failed: "red", cancelled: "slate" } as const;
const ACTIVE = new Set(["queued", "running"]);
const FINISHED = new Set(["completed", "failed", "cancelled"]);

const formatDuration = (ms: number | null) => (ms === null ? null : ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);

/** What a step did, in words: the job backend records Inngest's opcodes (StepRun, Sleep, …). */
const STEP_OP: Record<string, string> = { StepRun: "ran", Step: "ran", StepError: "errored, will retry", StepFailed: "failed", StepPlanned: "planned", Sleep: "slept", WaitForEvent: "waited for an event", RunComplete: "completed" };

/** The organization's job runs, a run's steps, and re-run. Polls every few seconds while a run is still going. */
export function JobRuns({ status, timezone, canRerun }: { status: string | undefined; timezone: string; canRerun: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const url = `/api/v1/jobs/runs?limit=100${status ? `&status=${status}` : ""}`;
  const runs = useQuery({
    queryKey: jobRunsKey(status),
    queryFn: () => apiFetch<{ data: JobRun[] }>(url),
    refetchInterval: (query) => (query.state.data?.data.some((r) => ACTIVE.has(r.status)) ? 3_000 : false),
  });
  const [viewing, setViewing] = useState<JobRun | null>(null);
  const [rerunning, setRerunning] = useState<JobRun | null>(null);
  const when = (iso: string | null) => (iso ? formatInZone(new Date(iso), timezone, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "—");

  const rerun = useMutation({
    mutationFn: (id: string) => apiFetch<{ data: { id: string } }>(`/api/v1/jobs/runs/${id}/rerun`, { method: "POST" }),
    onMutate: () => setRerunning(null),
    onSuccess: () => toast("success", "Re-run queued: it appears at the top of the list."),
    onError: (err) => toast("error", `Re-run refused: ${err instanceof ApiError ? err.detail : "try again."}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["job"] }),
  });

  return (
    <div className="grid gap-4">
      <nav aria-label="Filter runs by status" className="flex flex-wrap gap-1 text-sm">
        {[undefined, ...JOB_STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `/dashboard/jobs?status=${s}` : "/dashboard/jobs"}
            aria-current={status === s ? "page" : undefined}
            className={`rounded-md px-2.5 py-1 font-medium capitalize focus-visible:outline-2 focus-visible:outline-brand-600 ${status === s ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {s ?? "All"}
          </Link>
        ))}
      </nav>

      {runs.isPending ? (
        <p role="status" className="py-4 text-sm text-slate-500">
          Loading runs…
        </p>
      ) : runs.isError ? (
        <Alert>
          {runs.error instanceof ApiError && runs.error.code === "jobs_in_inngest" ? "Jobs run on Inngest: see their runs in the Inngest dashboard." : `Could not load job runs: ${runs.error.message}`}
        </Alert>
      ) : runs.data.data.length === 0 ? (
        <EmptyState title={status ? `No ${status} runs` : "No job runs yet"}>Runs appear when webhooks are processed, email and messages are sent, or reminders are scheduled.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="job-runs">
          {runs.data.data.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" data-testid="job-run" data-status={r.status}>
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-sm font-medium text-slate-900">{r.functionId}</span>
                  <Badge tone={TONE[r.status]}>{r.status}</Badge>
                  {r.rerunOf && <Badge>re-run</Badge>}
                </p>
                <p className="mt-0.5 text-sm text-slate-600">
                  {r.eventName} · {r.attempts} {r.attempts === 1 ? "attempt" : "attempts"}
                </p>
                <p className="mt-0.5 text-sm text-slate-600">
                  Started {when(r.startedAt ?? r.createdAt)}
                  {r.finishedAt && <> · finished {when(r.finishedAt)}</>}
                  {formatDuration(r.durationMs) && <> · took {formatDuration(r.durationMs)}</>}
                </p>
                {r.lastError && <p className="mt-1 text-sm break-words text-red-700">Error: {r.lastError}</p>}
              </div>
              <div className="flex shrink-0 gap-2">
                <button type="button" className={buttonClass("secondary", "px-2.5 py-1.5")} onClick={() => setViewing(r)}>
                  Steps<span className="sr-only"> of {r.functionId} started {when(r.startedAt ?? r.createdAt)}</span>
                </button>
                {canRerun && FINISHED.has(r.status) && (
                  <button type="button" className={buttonClass("secondary", "px-2.5 py-1.5")} onClick={() => setRerunning(r)} disabled={rerun.isPending}>
                    Re-run<span className="sr-only"> {r.functionId} started {when(r.startedAt ?? r.createdAt)}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      <Modal open={viewing !== null} onClose={() => setViewing(null)} title={viewing ? `${viewing.functionId} · ${viewing.status}` : "Run"} description={viewing?.id} wide>
        {viewing && <RunDetail id={viewing.id} when={when} />}
      </Modal>
      <ConfirmDialog open={rerunning !== null} onClose={() => setRerunning(null)} onConfirm={() => rerunning && rerun.mutate(rerunning.id)} title={`Re-run ${rerunning?.functionId ?? "this run"}?`} confirmLabel="Re-run">
        The function runs again with the same event, as a new run linked to this one. Jobs are idempotent: an email or message already sent is not sent again.
      </ConfirmDialog>
    </div>
  );
}

function RunDetail({ id, when }: { id: string; when: (iso: string | null) => string }) {
  const detail = useQuery({ queryKey: jobRunKey(id), queryFn: async () => (await apiFetch<{ data: JobRunDetail }>(`/api/v1/jobs/runs/${id}`)).data });
  if (detail.isPending) return <p role="status" className="text-sm text-slate-500">Loading the run…</p>;
  if (detail.isError) return <Alert>Could not load the run: {detail.error.message}</Alert>;
  const run = detail.data;
  return (
    <div className="grid gap-4 text-sm">
      {run.lastError && <Alert>{run.lastError}</Alert>}
      <section>
        <h3 className="mb-2 font-semibold text-slate-900">Steps</h3>
        {run.steps.length === 0 ? (
          <p className="text-slate-500">No steps recorded yet.</p>
        ) : (
          <ol className="grid gap-1.5" data-testid="run-steps">
            {run.steps.map((s, i) => (
              <li key={i} className="rounded-lg bg-slate-50 px-3 py-2">
                <span className="font-medium text-slate-900">{s.name ?? "(run)"}</span> <Badge tone={s.error ? "red" : STEP_OP[s.op] === "ran" ? "emerald" : "slate"}>{STEP_OP[s.op] ?? s.op}</Badge>{" "}
                <span className="text-slate-600">
                  attempt {s.attempt + 1} · {when(s.at)}
                </span>
                {s.error && <span className="mt-1 block break-words text-red-700">{s.error}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h3 className="mb-2 font-semibold text-slate-900">Event</h3>
        <pre tabIndex={0} className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(run.event, null, 2)}</pre>
      </section>
      {run.output !== null && (
        <section>
          <h3 className="mb-2 font-semibold text-slate-900">Output</h3>
          <pre tabIndex={0} className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(run.output, null, 2)}</pre>
        </section>
      )}
    </div>
  );
}
