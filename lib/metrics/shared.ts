import "server-only";
import { AggregatorRegistry, type Registry } from "prom-client";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { perProcess } from "@/lib/per-process";

/**
 * Counters and histograms shared by every app process through the database (docs/decisions.md #90).
 *
 * A process counts in memory (prom-client, no I/O on the hot path) and every FLUSH_MS adds what it counted since its
 * last flush to `metric_samples` — one `INSERT … ON CONFLICT DO UPDATE SET value = value + delta` for all changed
 * samples. A scrape flushes the scraping process first, then reads the table: whichever process (cluster worker,
 * container) answers, Prometheus sees the deployment's totals, which never go down when a process restarts.
 * A process that dies loses at most its last FLUSH_MS of counts.
 */
export const FLUSH_MS = 10_000;

type Sample = { name: string; labels: string; value: number };

/** Labels as canonical JSON (keys sorted), the row key together with the sample name. */
function canonical(labels: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

async function samplesOf(registry: Registry): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const value of metric.values) {
      const name = (value as { metricName?: string }).metricName ?? metric.name;
      samples.push({ name, labels: canonical(value.labels), value: value.value });
    }
  }
  return samples;
}

type Flusher = { flushed: Map<string, number>; running: Promise<void> };
const flushers = new WeakMap<Registry, Flusher>();

/**
 * Adds what `registry` counted since its last flush to the database. Flushes of one registry run one after the other
 * (a timer and a scrape never add the same delta twice); a failed flush is retried with the next one, nothing lost.
 */
export function flush(registry: Registry): Promise<void> {
  let flusher = flushers.get(registry);
  if (!flusher) flushers.set(registry, (flusher = { flushed: new Map(), running: Promise.resolve() }));
  const state = flusher;
  const run = state.running.then(async () => {
    const deltas: Sample[] = [];
    const now: Sample[] = await samplesOf(registry);
    for (const sample of now) {
      const delta = sample.value - (state.flushed.get(`${sample.name}\0${sample.labels}`) ?? 0);
      if (delta !== 0) deltas.push({ ...sample, value: delta });
    }
    if (deltas.length === 0) return;
    await db.$executeRaw`
      INSERT INTO metric_samples (name, labels, value, "updatedAt")
      SELECT name, labels, value, now()
      FROM unnest(${deltas.map((d) => d.name)}::text[], ${deltas.map((d) => d.labels)}::text[], ${deltas.map((d) => d.value)}::float8[]) AS d(name, labels, value)
      ON CONFLICT (name, labels) DO UPDATE SET value = metric_samples.value + excluded.value, "updatedAt" = now()`;
    for (const sample of now) state.flushed.set(`${sample.name}\0${sample.labels}`, sample.value);
  });
  state.running = run.catch(() => {});
  return run;
}

/** Flushes `registry` every FLUSH_MS for the life of the process (the timer never keeps a process alive). */
export function startFlushing(registry: Registry): void {
  perProcess("metrics-flush-timer", () => {
    const timer = setInterval(() => {
      flush(registry).catch((error: unknown) => logger.warn({ err: error }, "metrics could not be flushed to the database; retrying"));
    }, FLUSH_MS);
    timer.unref();
    return timer;
  });
}

/**
 * The shared metrics in Prometheus text format: the families `registry` defines (names, help, types), with the
 * values every process has flushed to the database. Flushes `registry` first, so this process's counts are current.
 */
export async function renderShared(registry: Registry): Promise<string> {
  await flush(registry);
  const rows = await db.$queryRaw<Sample[]>`SELECT name, labels, value FROM metric_samples`;
  const families = (await registry.getMetricsAsJSON()).map((metric) => {
    // prom-client types `type` as a numeric enum; at runtime it is the exposition type name.
    const suffixes = (metric.type as unknown as string) === "histogram" ? ["_bucket", "_sum", "_count"] : [""];
    const mine = rows
      .filter((row) => suffixes.some((suffix) => row.name === metric.name + suffix))
      .map((row) => ({ row, labels: JSON.parse(row.labels) as Record<string, string | number> }))
      .sort((a, b) => order(a, b, metric.name));
    const values = mine.map(({ row, labels }) => ({ value: row.value, labels, ...(row.name === metric.name ? {} : { metricName: row.name }) }));
    return { ...metric, values, aggregator: "sum" as const };
  });
  return AggregatorRegistry.aggregate([families as unknown as Parameters<typeof AggregatorRegistry.aggregate>[0][number]]).metrics();
}

type Entry = { row: Sample; labels: Record<string, string | number> };

/** Series together (labels without `le`), buckets by bound, then `_sum` and `_count`: the exposition's usual order. */
function order(a: Entry, b: Entry, family: string): number {
  const series = (e: Entry) => canonical(Object.fromEntries(Object.entries(e.labels).filter(([k]) => k !== "le")));
  const rank = (e: Entry) => ["_bucket", "_sum", "_count", ""].indexOf(e.row.name.slice(family.length));
  const bound = (e: Entry) => (e.labels.le === "+Inf" ? Infinity : Number(e.labels.le ?? 0));
  const sa = series(a);
  const sb = series(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return rank(a) - rank(b) || bound(a) - bound(b);
}
