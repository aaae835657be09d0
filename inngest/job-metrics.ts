import "server-only";
import { Middleware } from "inngest";
import { metrics } from "@/lib/metrics/registry";

/**
 * Counts job runs by function and outcome where they run — in the app process serving `/api/inngest` — so the count
 * is the same whichever engine drives the functions (Inngest Cloud, self-hosted Inngest, the local executor).
 * Outcomes: `started` (first attempt of a run), `completed`, `retried` (an attempt of the function threw and will be
 * retried), `failed` (no attempts left, or a NonRetriableError). Steps retried inside a run are not run outcomes.
 */
export class JobMetrics extends Middleware.BaseMiddleware {
  readonly id = "eventline-job-metrics";

  private count(fn: { id(prefix?: string): string }, outcome: "started" | "completed" | "retried" | "failed") {
    metrics.jobRuns.inc({ function: fn.id(this.client.id), outcome });
  }

  override onRunStart({ fn }: Middleware.OnRunStartArgs) {
    this.count(fn, "started");
  }

  override onRunComplete({ fn }: Middleware.OnRunCompleteArgs) {
    this.count(fn, "completed");
  }

  override onRunError({ fn, isFinalAttempt }: Middleware.OnRunErrorArgs) {
    this.count(fn, isFinalAttempt ? "failed" : "retried");
  }
}
