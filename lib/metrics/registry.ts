import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { perProcess } from "@/lib/per-process";

/**
 * The process's Prometheus registry (one per process, shared by every route bundle): counters and histograms
 * recorded as things happen; gauges read from the database at scrape time live in ./collect.ts.
 */
export const metrics = perProcess("metrics", () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "eventline_process_" });
  return {
    registry,
    httpDuration: new Histogram({
      name: "eventline_http_request_duration_seconds",
      help: "API and webhook request duration by route, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: "eventline_webhooks_total",
      help: "Webhook deliveries by provider and outcome (stored, duplicate, rejected_<reason>, unavailable)",
      labelNames: ["provider", "outcome"] as const,
      registers: [registry],
    }),
  };
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
