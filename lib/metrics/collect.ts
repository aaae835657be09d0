import "server-only";
import { Gauge, Registry } from "prom-client";
import { db } from "@/lib/db";
import { modes } from "@/lib/env";
import { metrics } from "./registry";
import { renderShared } from "./shared";

type Row = { labels: Record<string, string>; value: number };

/** Gauges read from the database when Prometheus scrapes: queue depths and outcomes, shared by every instance. */
async function databaseGauges(): Promise<Record<string, { help: string; labels: string[]; rows: Row[] }>> {
  const [webhooks, emails, messages, outbox, pool] = await Promise.all([
    db.$queryRaw<{ provider: string; status: string; n: number }[]>`SELECT provider, status::text, count(*)::int AS n FROM webhook_events GROUP BY 1, 2`,
    db.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM email_messages GROUP BY 1`,
    db.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM outbound_messages GROUP BY 1`,
    db.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM notification_outbox GROUP BY 1`,
    db.$queryRaw<{ state: string; n: number }[]>`SELECT coalesce(state, 'unknown') AS state, count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1`,
  ]);
  const gauges: Record<string, { help: string; labels: string[]; rows: Row[] }> = {
    eventline_webhook_events: { help: "Stored webhook deliveries by provider and status (received + processing = queue depth)", labels: ["provider", "status"], rows: webhooks.map((r) => ({ labels: { provider: r.provider, status: r.status }, value: r.n })) },
    eventline_emails: { help: "Emails by status", labels: ["status"], rows: emails.map((r) => ({ labels: { status: r.status }, value: r.n })) },
    eventline_messages: { help: "SMS/WhatsApp messages by status", labels: ["status"], rows: messages.map((r) => ({ labels: { status: r.status }, value: r.n })) },
    eventline_notification_outbox: { help: "Attendee notifications by status (pending = queue depth)", labels: ["status"], rows: outbox.map((r) => ({ labels: { status: r.status }, value: r.n })) },
    eventline_database_connections: { help: "Connections to the app's database by state", labels: ["state"], rows: pool.map((r) => ({ labels: { state: r.state }, value: r.n })) },
  };
  if (modes.jobs === "local-executor") {
    // The executor's own tables: every run it holds by status (queued + running + waiting = its queue), and how many
    // are due now and not yet picked up (the backlog: above zero for long means the executor cannot keep up).
    const [runs, due] = await Promise.all([
      db.$queryRaw<{ fn: string; status: string; n: number }[]>`SELECT function_id AS fn, status, count(*)::int AS n FROM inngest_local.runs GROUP BY 1, 2`.catch(() => []),
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM inngest_local.runs WHERE status = 'queued' AND run_at <= now()`.catch(() => []),
    ]);
    gauges.eventline_local_executor_runs = { help: "Runs held by the local job executor by function and status", labels: ["function", "status"], rows: runs.map((r) => ({ labels: { function: r.fn, status: r.status }, value: r.n })) };
    gauges.eventline_local_executor_due_runs = { help: "Local executor runs due now and not yet started (backlog)", labels: [], rows: due.map((r) => ({ labels: {}, value: r.n })) };
  }
  return gauges;
}

/**
 * The Prometheus text exposition: the deployment's counters and histograms (every process's, from the database),
 * the gauges read from the database, then this process's own (Node process metrics, its database pool).
 */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const scrape = new Registry();
  const [gauges, shared, local] = await Promise.all([databaseGauges(), renderShared(metrics.shared), metrics.local.metrics()]);
  for (const [name, gauge] of Object.entries(gauges)) {
    const g = new Gauge({ name, help: gauge.help, labelNames: gauge.labels, registers: [scrape] });
    for (const row of gauge.rows) g.set(row.labels, row.value);
  }
  return { body: `${shared}\n${await scrape.metrics()}\n${local}`, contentType: metrics.local.contentType };
}
