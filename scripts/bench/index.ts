/**
 * `npm run bench`: builds, starts the production server (launcher: embedded PostgreSQL + local executor) on its own
 * data folder and ports, runs the scenarios, prints a table and writes JSON to bench/results/.
 *
 * Scenarios so far:
 *   jobs-latency     events at a steady 20/s for 10 s → end-to-end latency of a 3-step run (event sent → run done)
 *   jobs-throughput  1,000 events sent as fast as possible → runs completed per second
 *   api-trivial      GET /api/health (no auth, no database) at 50 connections: the ceiling of one Next.js process
 *   api-me           GET /api/v1/me with an API key at 50 connections: the whole route wrapper (key lookup,
 *                    membership, rate limit in Postgres, DTO); its throughput is reported as a share of api-trivial
 *
 *   events-*         one published event with 100,000 registrations (inserted with SQL once): the public page
 *                    (events-page), registering through the API (events-register), one page of 50 of the
 *                    registration list (events-list), and the CSV export of all of them (events-csv: time, and the
 *                    growth of the Next.js process's resident memory)
 *
 * `--only a,b` runs some scenarios; `--no-build` reuses the last build. BENCH_EXECUTOR_CONCURRENCY (10) sets the executor's
 * runs at once; 0 runs no job at all (webhooks are captured and announced, never processed): the capture path alone.
 * BENCH_SERVER_LOG=file keeps the server's output (the executor logs event bursts there).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import pg from "pg";
import { serverProcesses } from "./cpu";
import { load } from "./http-load";
import { dashboardScenarios } from "./dashboard";
import { ingestScenarios } from "./ingest";
import { latencyRow, type Result } from "./result";

const root = path.resolve(import.meta.dirname, "../..");
const APP_PORT = Number(process.env.BENCH_PORT ?? 3300);
const EXECUTOR_PORT = Number(process.env.BENCH_EXECUTOR_PORT ?? 8290);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54332);
// The executor's own default (inngest/local-executor/main.ts): the bench measures what `npm start` runs.
const CONCURRENCY = Number(process.env.BENCH_EXECUTOR_CONCURRENCY ?? 10);
const CORES = Number(process.env.WEB_CONCURRENCY ?? availableParallelism());
const DATABASE_URL = `postgresql://postgres:postgres@localhost:${PG_PORT}/eventline`;


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function sendEvents(events: object[]) {
  const response = await fetch(`http://127.0.0.1:${EXECUTOR_PORT}/e/bench`, { method: "POST", body: JSON.stringify(events) });
  if (!response.ok) throw new Error(`event intake answered ${response.status}`);
}

async function latencies(pool: pg.Pool, prefix: string, expected: number, timeoutMs: number) {
  await waitFor(
    async () => {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM inngest_local.runs WHERE event_id LIKE $1 AND status IN ('completed', 'failed')",
        [`${prefix}%`],
      );
      return rows[0]!.n >= expected;
    },
    timeoutMs,
    `${expected} runs of ${prefix}`,
  );
  const { rows } = await pool.query<{ ms: number; status: string; finished: Date }>(
    `SELECT extract(epoch FROM (finished_at - to_timestamp((event->>'ts')::bigint / 1000.0))) * 1000 AS ms, status, finished_at AS finished
     FROM inngest_local.runs WHERE event_id LIKE $1`,
    [`${prefix}%`],
  );
  return rows;
}

async function jobsLatency(pool: pg.Pool): Promise<Result> {
  const rate = 20;
  const seconds = 10;
  const prefix = `lat-${Date.now()}-`;
  const started = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    await sendEvents([{ id: `${prefix}${i}`, name: "bench/pipeline.requested", data: { n: i }, ts: Date.now() }]);
  }
  const rows = await latencies(pool, prefix, rate * seconds, 60_000);
  const ms = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  return {
    scenario: "jobs-latency",
    runs: rows.length,
    errors: rows.filter((r) => r.status !== "completed").length,
    throughput: rate,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? NaN,
    note: `${rate} events/s for ${seconds} s; event sent → 3-step run completed`,
  };
}

async function jobsThroughput(pool: pg.Pool): Promise<Result> {
  const total = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 1000);
  const prefix = `tp-${Date.now()}-`;
  const started = Date.now();
  for (let i = 0; i < total; i += 50) {
    const batch = Array.from({ length: Math.min(50, total - i) }, (_, j) => ({ id: `${prefix}${i + j}`, name: "bench/pipeline.requested", data: { n: i + j }, ts: Date.now() }));
    await sendEvents(batch);
  }
  const rows = await latencies(pool, prefix, total, 300_000);
  const last = Math.max(...rows.map((r) => r.finished.getTime()));
  const ms = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  return {
    scenario: "jobs-throughput",
    runs: rows.length,
    errors: rows.filter((r) => r.status !== "completed").length,
    throughput: Math.round((total / ((last - started) / 1000)) * 10) / 10,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? NaN,
    note: `${total} events sent at once; runs/s = completed runs / time until the last finished (executor concurrency ${CONCURRENCY})`,
  };
}

const API_CONNECTIONS = 50;
const API_SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const BENCH_KEY = "evl_bench0000000000000000000000000000000000000";

/** An API key for the bench, inserted directly (the bench database is the bench's own). */
async function benchKey(pool: pg.Pool): Promise<string> {
  const secretHash = createHash("sha256").update(BENCH_KEY).digest("hex");
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM organizations ORDER BY \"createdAt\" LIMIT 1");
  if (!rows[0]) throw new Error("the bench database has no organization (the seed creates one)");
  await pool.query(
    `INSERT INTO api_keys (id, "organizationId", name, scope, prefix, "secretHash") VALUES ('key_bench000000000000000000', $1, 'bench', 'read_write', $2, $3)
     ON CONFLICT (id) DO UPDATE SET "revokedAt" = NULL, scope = 'read_write', "secretHash" = EXCLUDED."secretHash"`,
    [rows[0].id, BENCH_KEY.slice(0, 12), secretHash],
  );
  return BENCH_KEY;
}

async function apiScenario(name: string, url: string, headers: Record<string, string>, note: string, connections = API_CONNECTIONS): Promise<Result> {
  const r = await load({ url, headers, connections, seconds: API_SECONDS });
  return { ...latencyRow(name, r), note: `${note}; statuses ${JSON.stringify(r.statuses)}` };
}

const BIG_EVENT_SLUG = "bench-100k-registrations";
const BIG_EVENT_ROWS = 100_000;
const EVENT_CONNECTIONS = Number(process.env.BENCH_EVENT_CONNECTIONS ?? 10);

/** The bench event with 100,000 registrations, created once per bench database (SQL: seconds, not minutes). */
async function bigEvent(pool: pg.Pool): Promise<string> {
  const id = "evt_bench100k0000000000000"; // evt_ + 22 characters, like every event id
  const { rows: found } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations WHERE "eventId" = $1', [id]);
  if (found[0]!.n >= BIG_EVENT_ROWS) return id;
  const { rows: orgs } = await pool.query<{ id: string }>("SELECT id FROM organizations ORDER BY \"createdAt\" LIMIT 1");
  const starts = new Date(Date.now() + 60 * 86_400_000);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("DELETE FROM events WHERE id = $1 OR slug = $2", [id, BIG_EVENT_SLUG]); // a partial earlier attempt
    await client.query(
      `INSERT INTO events (id, "organizationId", slug, title, description, venue, timezone, "startsAt", "endsAt", capacity, status, "publishedAt", "confirmedCount", "updatedAt")
       VALUES ($1, $2, $3, 'Bench Conference', 'An event with a very long registration list.', 'Hall 1', 'Europe/Berlin', $4, $5, 1000000, 'published', now(), $6, now())`,
      [id, orgs[0]!.id, BIG_EVENT_SLUG, starts, new Date(starts.getTime() + 8 * 3_600_000), BIG_EVENT_ROWS],
    );
    await client.query(
      `INSERT INTO event_sessions (id, "organizationId", "eventId", title, speaker, room, "startsAt", "endsAt", "isKeynote")
       SELECT 'ses_' || substr(md5($1 || 'session' || i), 1, 22), $2, $1, 'Talk ' || i, 'Speaker ' || i, 'Room ' || (i % 3 + 1), $3::timestamptz + (i || ' hours')::interval, $3::timestamptz + (i || ' hours')::interval + interval '45 minutes', i = 0
       FROM generate_series(0, 5) AS i`,
      [id, orgs[0]!.id, starts],
    );
    await client.query(
      `INSERT INTO registrations (id, "organizationId", "eventId", name, email, status, source, "ticketToken", "createdAt", "updatedAt")
       SELECT 'reg_' || substr(md5($1 || i), 1, 22), $2, $1, 'Attendee ' || i, 'attendee' || i || '@bench.test', 'confirmed', 'web',
              md5('ticket' || $1 || i) || md5('t' || i), now() - (($3 - i) || ' seconds')::interval, now()
       FROM generate_series(1, $3) AS i`,
      [id, orgs[0]!.id, BIG_EVENT_ROWS],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
  await pool.query("ANALYZE registrations");
  return id;
}

/** Resident memory of the Next.js server processes (the workers under the launcher), summed, in MB. */
function nextRssMb(launcherPid: number): number {
  const workers = serverProcesses(launcherPid).filter((p) => p.part === "next");
  return workers.length ? workers.reduce((sum, p) => sum + p.rssMb, 0) : NaN;
}

async function eventScenarios(pool: pg.Pool, key: string, launcherPid: number, wanted: (name: string) => boolean): Promise<Result[]> {
  const eventId = await bigEvent(pool);
  // Registrations added by earlier runs of events-register are left; the list and export measure at least 100,000.
  const results: Result[] = [];
  const base = `http://localhost:${APP_PORT}`;
  const auth = { authorization: `Bearer ${key}` };
  // Each latency scenario at one connection (a request's own latency) and at EVENT_CONNECTIONS (10) in parallel.
  for (const connections of [1, EVENT_CONNECTIONS]) {
    const suffix = connections === 1 ? " c1" : "";
    const note = `${connections} connection${connections === 1 ? "" : "s"}, ${API_SECONDS} s, event with ${BIG_EVENT_ROWS.toLocaleString("en")} registrations`;
    if (wanted("events-page")) results.push(await apiScenario(`events-page${suffix}`, `${base}/e/${BIG_EVENT_SLUG}`, {}, note, connections));
    if (wanted("events-register")) {
      const run = Date.now();
      const r = await load({ url: `${base}/api/v1/events/${eventId}/registrations`, headers: auth, connections, seconds: API_SECONDS, body: (n) => JSON.stringify({ name: `Bench ${n}`, email: `r${run}-${n}@bench.test` }), ok: [201] });
      results.push({ ...latencyRow(`events-register${suffix}`, r), note: `${note}; statuses ${JSON.stringify(r.statuses)}` });
    }
    if (wanted("events-list")) results.push(await apiScenario(`events-list${suffix}`, `${base}/api/v1/events/${eventId}/registrations?limit=50`, auth, note, connections));
  }
  if (wanted("events-csv")) {
    const before = nextRssMb(launcherPid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, nextRssMb(launcherPid))), 100);
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/events/${eventId}/registrations.csv`, { headers: auth });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    results.push({ scenario: "events-csv", runs: lines - 1, errors: response.status === 200 ? 0 : 1, throughput: Math.round(((lines - 1) / ms) * 1000), p50: ms, p95: ms, p99: ms, max: ms, note: `one export: ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s; Next.js RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)` });
  }
  return results;
}

async function main() {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : null;
  const wanted = (name: string) => !only || only.includes(name);
  if (!process.argv.includes("--no-build")) {
    console.log("[bench] building…");
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("build failed");
  }
  let server = await startServer({});
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  pool.on("error", () => {}); // idle connections end when the server stops
  try {
    // A clean start: runs and webhook deliveries left queued by an earlier bench (webhooks-max leaves its backlog) would
    // otherwise be worked off during this run's measurements.
    await dropBacklog(pool);
    // Warm up: compile-free production server, but the first runs open connections.
    const warm = `warm-${Date.now()}-`;
    await sendEvents(Array.from({ length: 20 }, (_, i) => ({ id: `${warm}${i}`, name: "bench/pipeline.requested", data: { n: i }, ts: Date.now() })));
    if (CONCURRENCY > 0) await latencies(pool, warm, 20, 60_000); // with 0, no run would ever finish

    const results: Result[] = [];
    if (wanted("jobs-latency")) results.push(await jobsLatency(pool));
    if (wanted("jobs-throughput")) results.push(await jobsThroughput(pool));
    if (wanted("api-trivial") || wanted("api-me")) {
      const key = await benchKey(pool);
      const trivial = await apiScenario("api-trivial", `http://localhost:${APP_PORT}/api/health`, {}, `${API_CONNECTIONS} connections, ${API_SECONDS} s`);
      const me = await apiScenario("api-me", `http://localhost:${APP_PORT}/api/v1/me`, { authorization: `Bearer ${key}` }, `${API_CONNECTIONS} connections, ${API_SECONDS} s`);
      me.note += `; ${Math.round((me.throughput / trivial.throughput) * 100)}% of api-trivial's throughput`;
      results.push(trivial, me);
    }
    if (["events-page", "events-register", "events-list", "events-csv"].some(wanted)) results.push(...(await eventScenarios(pool, await benchKey(pool), server.pid!, wanted)));
    if (wanted("dashboard")) results.push(...(await dashboardScenarios(pool, `http://localhost:${APP_PORT}`)));
    if (["webhooks-reply", "webhooks-floor", "webhooks-max", "webhooks-ingest"].some(wanted)) results.push(...(await ingestScenarios(pool, `http://localhost:${APP_PORT}`, server.pid!, wanted)));
    if (wanted("webhooks-max-1")) {
      // All cores vs one process, same run: the server again with WEB_CONCURRENCY=1, webhooks-max (with its own
      // /api/health ceiling) once more. Its backlog is dropped first so both start from the same queue.
      await stopServer(server);
      server = await startServer({ WEB_CONCURRENCY: "1" });
      await dropBacklog(pool);
      const [one] = await ingestScenarios(pool, `http://localhost:${APP_PORT}`, server.pid!, (name) => name === "webhooks-max");
      const all = results.find((r) => r.scenario === "webhooks-max");
      results.push({ ...one!, scenario: "webhooks-max-1", note: `one Next.js process (WEB_CONCURRENCY=1): ${one!.note}${all ? `; all cores (${CORES} workers) acknowledged ${all.throughput}/s = ${(all.throughput / one!.throughput).toFixed(2)}×` : ""}` });
    }
    // Each scenario's throughput as a share of the trivial route's in this run (when api-trivial ran).
    const trivial = results.find((r) => r.scenario === "api-trivial")?.throughput;
    const ratio = (r: Result) => (trivial ? `${Math.round((r.throughput / trivial) * 100)}%` : "");
    console.log("\nscenario                     runs  errors  throughput   p50 ms   p95 ms   p99 ms   max ms  vs trivial");
    for (const r of results) {
      console.log(
        `${r.scenario.padEnd(28)} ${String(r.runs).padStart(4)}  ${String(r.errors).padStart(6)}  ${String(r.throughput).padStart(7)}/s  ${r.p50.toFixed(0).padStart(7)}  ${r.p95.toFixed(0).padStart(7)}  ${r.p99.toFixed(0).padStart(7)}  ${r.max.toFixed(0).padStart(7)}  ${ratio(r).padStart(10)}`,
      );
    }
    for (const r of results) console.log(`  ${r.scenario}: ${r.note}`);
    mkdirSync(path.join(root, "bench/results"), { recursive: true });
    const file = path.join(root, "bench/results", `bench-${new Date().toISOString().replaceAll(":", "-")}.json`);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length }, trivialThroughput: trivial ?? null, results: results.map((r) => ({ ...r, ratioToTrivial: trivial ? r.throughput / trivial : null })) }, null, 2));
    console.log(`\n[bench] results written to ${path.relative(root, file)}`);
  } finally {
    await pool.end();
    await stopServer(server);
  }
}

/** Starts the production server through the launcher (its own process group) and waits for the app and executor. */
async function startServer(extra: Record<string, string>): Promise<ChildProcess> {
  console.log(`[bench] starting the production server…${Object.keys(extra).length ? ` (${JSON.stringify(extra)})` : ""}`);
  const server = spawn(process.execPath, ["--import", "./scripts/server-only-shim.mjs", "--import", "tsx", "scripts/launch.ts", "start"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      LOCAL_EXECUTOR_PORT: String(EXECUTOR_PORT),
      EMBEDDED_PG_PORT: String(PG_PORT),
      EMBEDDED_PG_DIR: ".data/bench-postgres",
      EXECUTOR_CONCURRENCY: String(CONCURRENCY),
      APP_URL: `http://localhost:${APP_PORT}`,
      LOG_LEVEL: "warn",
      // The API scenarios measure the wrapper, not the limiter's 429s.
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      ...extra,
    },
    stdio: ["ignore", process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, "w") : "ignore", "inherit"],
    detached: true,
  });
  await waitFor(
    async () => {
      const health = (await (await fetch(`http://127.0.0.1:${EXECUTOR_PORT}/health`)).json()) as { functions: string[] };
      return health.functions.includes("eventline-bench-pipeline");
    },
    120_000,
    "the app and the local executor",
  );
  return server;
}

/** Stops the whole server group (launcher, Next workers, executor, PostgreSQL) and waits until its ports are free. */
async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    process.kill(-server.pid!, "SIGINT");
  } catch {
    /* already gone */
  }
  await Promise.race([exited, sleep(15_000)]);
  await waitFor(async () => !(await fetch(`http://127.0.0.1:${EXECUTOR_PORT}/health`).then(() => true, () => false)), 15_000, "the server to stop").catch(() => {});
  await waitFor(async () => !(await fetch(`http://127.0.0.1:${APP_PORT}/api/health`).then(() => true, () => false)), 15_000, "the app to stop").catch(() => {});
}

/** Runs and webhook deliveries left queued (by an earlier bench, or webhooks-max's backlog) would be worked off during later measurements. */
async function dropBacklog(pool: pg.Pool): Promise<void> {
  await pool.query("DELETE FROM inngest_local.runs WHERE status IN ('queued', 'running', 'waiting')");
  await pool.query("UPDATE webhook_events SET status = 'ignored', \"lastError\" = 'left by an earlier bench run' WHERE status IN ('received', 'processing')");
  await pool.query("UPDATE outbound_messages SET status = 'failed', \"lastError\" = 'left by an earlier bench run' WHERE status = 'queued'");
}

main().catch((error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
