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

/** A route's label: the path with ids replaced, so label values stay few (`/api/v1/events/:id/registrations`). */
export function routeLabel(pathname: string): string {
  return pathname.replace(/\/[a-z]{2,4}_[A-Za-z0-9]{22}(?=\/|$)/g, "/:id").replace(/\/\d+(?=\/|$)/g, "/:n").slice(0, 120);
}
