/**
 * Scenario 4: `kill -9` of the local job executor while runs are in progress (multi-step bench and demo pipelines,
 * and registrations whose confirmation emails go through the send-email job). The launcher restarts it after 1 s;
 * runs it had leased become due when their lease (30 s) expires and continue from their recorded steps. Every run must
 * finish, each event start one run, and each email reach the provider exactly once.
 */
import { check, counts, ports, waitFor } from "../harness";
import { type Context, publishedEvent, register } from "../context";

const BENCH_RUNS = Number(process.env.RESILIENCE_EXECUTOR_RUNS ?? 300);
const DEMO_RUNS = 30;
const EMAILS = 10;

async function sendEvents(events: object[]) {
  const response = await fetch(`http://127.0.0.1:${ports.executor}/e/resilience`, { method: "POST", body: JSON.stringify(events), signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`event intake answered ${response.status}`);
}

export async function executorKill(ctx: Context) {
  const prefix = `exk-${Date.now()}-`;
  const eventId = await publishedEvent(ctx, "Resilience executor day");
  const pid = ctx.app.executorPid();
  if (!pid) throw new Error("no local executor process under the launcher");

  // Registrations first (their emails and reminder runs start at once), then a burst of pipeline runs.
  const people = await register(ctx, eventId, `exk-${Date.now()}`, EMAILS);
  await sendEvents(Array.from({ length: DEMO_RUNS }, (_, i) => ({ id: `${prefix}d${i}`, name: "demo/pipeline.requested", data: { label: `resilience ${i}`, failFirstAttempts: 1 }, ts: Date.now() })));
  for (let i = 0; i < BENCH_RUNS; i += 100) {
    await sendEvents(Array.from({ length: Math.min(100, BENCH_RUNS - i) }, (_, j) => ({ id: `${prefix}b${i + j}`, name: "bench/pipeline.requested", data: { n: i + j }, ts: Date.now() })));
  }

  const runStates = async () =>
    (await ctx.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM inngest_local.runs WHERE event_id LIKE $1 GROUP BY 1`, [`${prefix}%`])).rows;
  // Kill while some runs are done and others are still running or queued.
  await waitFor(
    "runs under way",
    async () => {
      const states = Object.fromEntries((await runStates()).map((r) => [r.status, r.n]));
      return (states.completed ?? 0) >= 10 && (states.running ?? 0) + (states.queued ?? 0) + (states.waiting ?? 0) >= 30;
    },
    60_000,
    50,
  );
  const atKill = Object.fromEntries((await runStates()).map((r) => [r.status, r.n]));
  process.kill(pid, "SIGKILL");
  const killedAt = Date.now();
  counts("runs at the kill", atKill);
  const restartMs = await waitFor("the launcher to restart the executor", () => {
    const now = ctx.app.executorPid();
    return now !== null && now !== pid;
  }, 30_000, 100);
  await waitFor("the new executor to answer", async () => (await fetch(`http://127.0.0.1:${ports.executor}/health`)).ok, 60_000, 200);
  console.log(`  executor restarted after ${(restartMs / 1000).toFixed(1)} s`);

  const emailKey = (id: string) => `registration-${id}-confirmed-%`;
  const finishedMs = await waitFor(
    "every run finished and every email sent",
    async () => {
      const { rows } = await ctx.db.query<{ open: number; total: number }>(
        `SELECT count(*) FILTER (WHERE status NOT IN ('completed', 'failed'))::int AS open, count(*)::int AS total FROM inngest_local.runs WHERE event_id LIKE $1`,
        [`${prefix}%`],
      );
      const emails = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_messages WHERE "idempotencyKey" LIKE ANY($1) AND status = 'sent'`, [people.map((p) => emailKey(p.id))]);
      return rows[0]!.open === 0 && rows[0]!.total === BENCH_RUNS + DEMO_RUNS && emails.rows[0]!.n === EMAILS;
    },
    180_000,
    1_000,
  ).catch(() => NaN);
  const finishedAfterKillMs = Number.isNaN(finishedMs) ? NaN : Date.now() - killedAt;

  const runs = (await ctx.db.query<{ event_id: string; status: string; function_id: string; id: string }>(`SELECT event_id, status, function_id, id FROM inngest_local.runs WHERE event_id LIKE $1`, [`${prefix}%`])).rows;
  const perEvent = new Map<string, number>();
  for (const r of runs) perEvent.set(r.event_id, (perEvent.get(r.event_id) ?? 0) + 1);
  const rerunSteps = (
    await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT run_id, step_id FROM inngest_local.step_log WHERE run_id = ANY($1) AND op = 'StepRun' GROUP BY 1, 2 HAVING count(*) > 1) t`,
      [runs.map((r) => r.id)],
    )
  ).rows[0]!.n;
  const emails = (await ctx.db.query<{ id: string; to: string; status: string }>(`SELECT id, "to", status::text FROM email_messages WHERE "idempotencyKey" LIKE ANY($1)`, [people.map((p) => emailKey(p.id))])).rows;
  const created = emails.map((e) => ctx.resend.created.get(`email-${e.id}`));
  const acceptedTwice = ctx.resend.attempts.filter((a) => emails.some((e) => `email-${e.id}` === a.key) && a.status === 200).length - emails.length;

  counts("runs", {
    events: BENCH_RUNS + DEMO_RUNS,
    runs: runs.length,
    completed: runs.filter((r) => r.status === "completed").length,
    failed: runs.filter((r) => r.status === "failed").length,
    "events with more than one run": [...perEvent.values()].filter((n) => n > 1).length,
    "steps run again after the kill": rerunSteps,
    "finished s after the kill": (finishedAfterKillMs / 1000).toFixed(1),
  });
  counts("emails", { registrations: EMAILS, rows: emails.length, sent: emails.filter((e) => e.status === "sent").length, "created at the stand-in": created.filter(Boolean).length, "extra accepted POSTs (replays)": acceptedTwice });

  check("the executor was killed with runs in progress", (atKill.running ?? 0) + (atKill.queued ?? 0) + (atKill.waiting ?? 0) > 0, JSON.stringify(atKill));
  check("every run completed after the restart", runs.length === BENCH_RUNS + DEMO_RUNS && runs.every((r) => r.status === "completed"), `${runs.filter((r) => r.status === "completed").length}/${BENCH_RUNS + DEMO_RUNS} completed`);
  check("one run per event", [...perEvent.values()].every((n) => n === 1) && perEvent.size === BENCH_RUNS + DEMO_RUNS, `${perEvent.size} events with runs`);
  check("every confirmation email sent, each created once at the provider", emails.length === EMAILS && emails.every((e) => e.status === "sent") && created.every((c) => c && c.count === 1), `${created.filter((c) => c?.count === 1).length}/${EMAILS}`);
}
