import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { databasePool } from "@/lib/db";
import { perProcess } from "@/lib/per-process";
import { startFlushing } from "./shared";

/**
 * The process's metrics (one set per process, shared by every route bundle), in two registries:
 *  - `shared`: counters and histograms recorded as things happen. They are not exposed from memory: each process adds
 *    what it counted to the `metric_samples` table (./shared.ts), and a scrape of any process answers with the
 *    deployment's totals (docs/decisions.md #90).
 *  - `local`: what only describes this process — Node's process metrics and this process's database pool.
 * Gauges read from the database at scrape time live in ./collect.ts.
 */
export const metrics = perProcess("metrics", () => {
  const shared = new Registry();
  const local = new Registry();
  collectDefaultMetrics({ register: local, prefix: "eventline_process_" });
  new Gauge({
    name: "eventline_db_pool_connections",
    help: "This process's database pool (pg.Pool behind Prisma): open (total), idle, and queries waiting for a connection",
    labelNames: ["state"] as const,
    registers: [local],
    collect() {
      const pool = databasePool();
      this.set({ state: "total" }, pool?.totalCount ?? 0);
      this.set({ state: "idle" }, pool?.idleCount ?? 0);
      this.set({ state: "waiting" }, pool?.waitingCount ?? 0);
    },
  });
  new Gauge({
    name: "eventline_db_pool_max",
    help: "Connections this process's database pool may open",
    registers: [local],
    collect() {
      this.set(databasePool()?.options.max ?? 0);
    },
  });
  const set = {
    shared,
    local,
    httpDuration: new Histogram({
      name: "eventline_http_request_duration_seconds",
      help: "API and webhook request duration by route, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [shared],
    }),
    webhooks: new Counter({
      name: "eventline_webhooks_total",
      help: "Webhook deliveries by provider and outcome (stored, duplicate, rejected_<reason>, unavailable)",
      labelNames: ["provider", "outcome"] as const,
      registers: [shared],
    }),
    jobRuns: new Counter({
      name: "eventline_job_runs_total",
      help: "Job function runs by function and outcome (started, completed, retried = an attempt failed and will be retried, failed = no attempts left)",
      labelNames: ["function", "outcome"] as const,
      registers: [shared],
    }),
  };
  startFlushing(shared);
  return set;
});

/** Distinct route labels one process records before new ones are counted as `other`. */
export const MAX_ROUTE_LABELS = 500;
const routeLabels = perProcess("routeLabels", () => new Set<string>());

/**
 * A route's label: the path with ids replaced, so label values stay few (`/api/v1/events/:id/registrations`). Only
 * lower-case words stay (the segments our routes are named with); anything else — ids, well-formed or not — is `:id`,
 * numbers are `:n`. Each label is a histogram series held for the life of the process, so the number of labels is
 * capped too: the resilience fuzzer's malformed ids made one series per request (hundreds of MB).
 */
export function routeLabel(pathname: string): string {
  const label = pathname
    .split("/")
    .map((segment) => (segment === "" ? segment : /^\d+$/.test(segment) ? ":n" : /^[a-z][a-z0-9-]{0,39}(\.[a-z]{1,5})?$/.test(segment) ? segment : ":id"))
    .join("/")
    .slice(0, 120);
  if (routeLabels.has(label)) return label;
  if (routeLabels.size >= MAX_ROUTE_LABELS) return "other";
  routeLabels.add(label);
  return label;
}
