/**
 * The local executor: a project-owned stand-in for the Inngest Dev Server that drives an app's real Inngest serve
 * handler over the wire protocol (protocol.ts). State lives in PostgreSQL (schema `inngest_local`), so runs survive
 * restarts, and several executors can share one database: work is claimed with FOR UPDATE SKIP LOCKED and a lease
 * (`run_at` of a running run is its lease expiry; an executor that dies leaves the run due again).
 *
 * Supported: event intake with 24 h id dedupe; app sync; step memoization; parallel steps; retries with exponential
 * backoff + jitter honouring each function's `retries`; NonRetriableError / RetryAfterError; sleep / sleepUntil;
 * waitForEvent with timeout and `if`; sendEvent (it is just event intake); cron triggers; throttle; `priority.run`; `onFailure`
 * (the `inngest/function.failed` event); a bounded number of concurrent runs.
 */
import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import pg from "pg";
import { evaluate, evaluateValue } from "./expression";
import {
  callFunction,
  maxAttemptsOf,
  parseDuration,
  retryAfterMs,
  syncApp,
  wakeTimeOf,
  type FunctionConfig,
  type Op,
  type StepMemo,
} from "./protocol";

export type ExecutorOptions = {
  databaseUrl: string;
  /** The app's serve handler, e.g. http://localhost:3000/api/inngest */
  appUrl: string;
  concurrency?: number;
  pollMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * How long a claimed run is leased. The executor renews the lease while it works on the run, so a run is only
   * taken over (by another executor, or this one restarted) about this long after its executor died.
   */
  leaseMs?: number;
  syncIntervalMs?: number;
  /** Async checkpointing (Inngest v4's default): one request runs many steps, each recorded as it completes. */
  checkpointing?: boolean;
  /**
   * Events per second (over the last 250 ms) at which intake counts as a burst: while it lasts no new run begins
   * (runs under way go on), so on a machine shared with the app the CPU answers the requests announcing the events
   * instead of working off a backlog that grows either way. 0 (the default here): never.
   */
  burstRate?: number;
  /** A burst longer than this no longer stops every run: they go on one at a time until it ends (nothing starves). */
  burstMaxDeferMs?: number;
  log?: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
};

export type IncomingEvent = { id?: string; name: string; data?: Record<string, unknown>; ts?: number; user?: unknown; v?: string };

type RunState = { steps: Record<string, StepMemo>; stack: string[]; planned: string[]; attempt: number };

type RunRow = {
  id: string;
  function_id: string;
  event_id: string;
  event: Record<string, unknown>;
  status: string;
  prev_status: string;
  steps: Record<string, StepMemo>;
  stack: string[];
  planned: string[];
  attempt: number;
  max_attempts: number;
  wait: { stepId: string; event: string; if?: string } | null;
  begun_at: Date | null;
};

const S = "inngest_local";
/** Event intake is counted in 10 slots of this many ms (a 250 ms window); a burst ends after this long below its rate. */
const INTAKE_SLOT_MS = 25;
const BURST_QUIET_MS = 1_000;

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${S};
CREATE TABLE IF NOT EXISTS ${S}.events (
  id text PRIMARY KEY,
  name text NOT NULL,
  data jsonb NOT NULL,
  ts bigint NOT NULL,
  matched boolean NOT NULL DEFAULT false,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS events_unmatched_idx ON ${S}.events (received_at) WHERE NOT matched;
CREATE INDEX IF NOT EXISTS events_received_idx ON ${S}.events (received_at);
CREATE TABLE IF NOT EXISTS ${S}.runs (
  id text PRIMARY KEY,
  function_id text NOT NULL,
  event_id text NOT NULL,
  event jsonb NOT NULL,
  status text NOT NULL,
  steps jsonb NOT NULL DEFAULT '{}',
  stack jsonb NOT NULL DEFAULT '[]',
  planned jsonb NOT NULL DEFAULT '[]',
  attempt integer NOT NULL DEFAULT 0,
  attempts_total integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL,
  run_at timestamptz NOT NULL DEFAULT now(),
  wait jsonb,
  output jsonb,
  error jsonb,
  rerun_of text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  begun_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE ${S}.runs ADD COLUMN IF NOT EXISTS begun_at timestamptz;
CREATE INDEX IF NOT EXISTS runs_begun_idx ON ${S}.runs (function_id, begun_at) WHERE begun_at IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS runs_once_per_event ON ${S}.runs (function_id, event_id) WHERE rerun_of IS NULL;
CREATE INDEX IF NOT EXISTS runs_due_idx ON ${S}.runs (run_at) WHERE status IN ('queued', 'running', 'waiting');
CREATE INDEX IF NOT EXISTS runs_waiting_idx ON ${S}.runs ((wait->>'event')) WHERE status = 'waiting';
CREATE INDEX IF NOT EXISTS runs_created_idx ON ${S}.runs (created_at DESC);
CREATE TABLE IF NOT EXISTS ${S}.step_log (
  id bigserial PRIMARY KEY,
  run_id text NOT NULL,
  step_id text NOT NULL,
  name text,
  op text NOT NULL,
  attempt integer NOT NULL,
  error jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS step_log_run_idx ON ${S}.step_log (run_id, id);
CREATE TABLE IF NOT EXISTS ${S}.cron (
  function_id text NOT NULL,
  cron text NOT NULL,
  next_at timestamptz NOT NULL,
  PRIMARY KEY (function_id, cron)
);
`;

export async function ensureExecutorSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('inngest_local_ddl'))");
    await client.query(DDL);
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('inngest_local_ddl'))").catch(() => {});
    client.release();
  }
}

export class LocalExecutor {
  readonly pool: pg.Pool;
  private functions = new Map<string, FunctionConfig>();
  /** Runs this executor is driving right now; checkpoints for them are merged into their state directly. */
  private local = new Map<string, RunState>();
  private synced = false;
  private active = 0;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private wake: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private loops: Promise<void>[] = [];
  /** Events taken per slot (a ring of INTAKE_SLOT_MS slots), the slot last written; when intake was last at the burst rate, when the burst began. */
  private intake = new Array<number>(10).fill(0);
  private intakeSlot = 0;
  private burstSeenAt = 0;
  private burstSince: number | null = null;
  private readonly o: Required<Omit<ExecutorOptions, "log">> & Pick<ExecutorOptions, "log">;

  constructor(options: ExecutorOptions) {
    this.o = {
      concurrency: 10,
      pollMs: 250,
      backoffBaseMs: 1_000,
      backoffMaxMs: 300_000,
      leaseMs: 30_000,
      syncIntervalMs: 15_000,
      checkpointing: true,
      burstRate: 0,
      burstMaxDeferMs: 120_000,
      ...options,
    };
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: this.o.concurrency + 4 });
    this.pool.on("error", (error) => this.log("warn", "database pool error", { error: error.message }));
  }

  private log(level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) {
    this.o.log?.(level, message, fields);
  }

  async start(): Promise<void> {
    await ensureExecutorSchema(this.pool);
    this.loops.push(this.syncLoop(), this.workLoop());
    this.timers.push(
      setInterval(() => void this.tickCron().catch((e: unknown) => this.log("warn", "cron tick failed", { error: String(e) })), 1_000),
      setInterval(() => void this.purge().catch(() => {}), 600_000),
    );
  }

  /**
   * Stops taking work, waits for the runs under way, closes the pool. Idempotent: a signal to the process group and
   * the launcher's forwarded one both arrive (a second `pool.end()` would throw).
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      for (const timer of this.timers) clearInterval(timer);
      this.wake?.();
      await Promise.allSettled(this.loops);
      while (this.active > 0) await sleep(20);
      await this.pool.end();
    })();
    return this.stopping;
  }

  get functionIds(): string[] {
    return [...this.functions.keys()];
  }

  // ------------------------------------------------------------------------------------------------------------
  // App sync

  async sync(): Promise<void> {
    const configs = await syncApp(this.o.appUrl);
    this.functions = new Map(configs.map((config) => [config.id, config]));
    if (!this.synced) this.log("info", "app synced", { functions: configs.map((c) => c.id) });
    this.synced = true;
    await this.matchPendingEvents();
  }

  private async syncLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.sync();
        await this.pause(this.o.syncIntervalMs);
      } catch (error) {
        if (!this.synced) this.log("info", "waiting for the app to answer", { url: this.o.appUrl, error: String(error) });
        await this.pause(this.synced ? this.o.syncIntervalMs : 1_000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      const check = setInterval(() => {
        if (this.stopped) {
          clearTimeout(timer);
          clearInterval(check);
          resolve();
        }
      }, 100);
      setTimeout(() => clearInterval(check), ms + 10);
    });
  }

  // ------------------------------------------------------------------------------------------------------------
  // Events

  /** Stores events (ids dedupe for 24 h), starts the functions they trigger and resumes runs waiting for them. */
  async send(incoming: IncomingEvent[]): Promise<string[]> {
    const events = incoming.map((e) => ({ ...e, id: e.id ?? randomUUID(), data: e.data ?? {}, ts: e.ts ?? Date.now() }));
    const rows = events.map((event) => ({
      id: event.id,
      name: event.name,
      ts: event.ts,
      event,
      runs: (this.synced ? this.matchingFunctions(event) : []).map((config) => ({
        id: `run_${randomUUID().replaceAll("-", "")}`,
        fn: config.id,
        max: maxAttemptsOf(config),
        ahead: priorityOf(config, event),
      })),
    }));
    // One statement for the whole request: store the events (an id seen before, or twice in this request, is stored
    // once) and, for each one that was new, the runs it starts; a burst of webhook announcements costs one round trip
    // and one WAL flush per request instead of one per event. Returned: the new events with a run waiting for them.
    const { rows: fresh } = await this.pool.query<{ id: string; waiting: boolean }>(
      `WITH input AS (
         SELECT DISTINCT ON (id) id, name, ts, event, runs FROM jsonb_to_recordset($1::jsonb) AS i(id text, name text, ts bigint, event jsonb, runs jsonb)
       ), ev AS (
         INSERT INTO ${S}.events (id, name, data, ts, matched) SELECT id, name, event, ts, $2 FROM input ON CONFLICT (id) DO NOTHING RETURNING id, name
       ), started AS ( -- a data-modifying CTE always runs to completion, read or not
         INSERT INTO ${S}.runs (id, function_id, event_id, event, status, max_attempts, run_at)
         SELECT r.id, r.fn, ev.id, input.event, 'queued', r.max, now() - make_interval(secs => r.ahead)
         FROM ev JOIN input ON input.id = ev.id, jsonb_to_recordset(input.runs) AS r(id text, fn text, max int, ahead float8)
         ON CONFLICT DO NOTHING
       )
       SELECT ev.id, EXISTS (SELECT 1 FROM ${S}.runs WHERE status = 'waiting' AND wait->>'event' = ev.name) AS waiting FROM ev`,
      [JSON.stringify(rows), this.synced],
    );
    this.countIntake(events.length);
    const byId = new Map(events.map((event) => [event.id, event]));
    for (const { id, waiting } of fresh) if (waiting) await this.resumeWaiting(byId.get(id)!);
    this.wake?.();
    return events.map((event) => event.id);
  }

  private async matchPendingEvents(): Promise<void> {
    const { rows } = await this.pool.query<{ data: IncomingEvent & { id: string } }>(
      `SELECT data FROM ${S}.events WHERE NOT matched ORDER BY received_at LIMIT 500`,
    );
    for (const { data } of rows) await this.matchEvent(data);
    if (rows.length) this.wake?.();
  }

  private matchingFunctions(event: IncomingEvent & { id: string }): FunctionConfig[] {
    return [...this.functions.values()].filter((config) =>
      config.triggers.some((t) => "event" in t && eventMatches(t.event, event.name) && (!t.expression || safeEvaluate(t.expression, { event }))),
    );
  }

  /** Events stored before the app was first synced: start their runs now. */
  private async matchEvent(event: IncomingEvent & { id: string }): Promise<void> {
    for (const config of this.matchingFunctions(event)) await this.createRun(config, event);
    await this.pool.query(`UPDATE ${S}.events SET matched = true WHERE id = $1`, [event.id]);
  }

  private async createRun(config: FunctionConfig, event: IncomingEvent & { id: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${S}.runs (id, function_id, event_id, event, status, max_attempts, run_at)
       VALUES ($1, $2, $3, $4, 'queued', $5, now() - make_interval(secs => $6)) ON CONFLICT DO NOTHING`,
      [`run_${randomUUID().replaceAll("-", "")}`, config.id, event.id, JSON.stringify(event), maxAttemptsOf(config), priorityOf(config, event)],
    );
  }

  private async resumeWaiting(event: IncomingEvent & { id: string }): Promise<void> {
    const { rows } = await this.pool.query<{ id: string; event: unknown; wait: { stepId: string; if?: string } }>(
      `SELECT id, event, wait FROM ${S}.runs WHERE status = 'waiting' AND wait->>'event' = $1`,
      [event.name],
    );
    for (const run of rows) {
      if (run.wait.if && !safeEvaluate(run.wait.if, { event: run.event, async: event })) continue;
      // Only one of (this event, another event, the timeout) wins: the update requires the run to still be waiting.
      await this.pool.query(
        `UPDATE ${S}.runs SET status = 'queued', run_at = now(), wait = NULL, updated_at = now(),
           steps = steps || jsonb_build_object($2::text, jsonb_build_object('data', $3::jsonb)),
           stack = stack || to_jsonb($2::text)
         WHERE id = $1 AND status = 'waiting'`,
        [run.id, run.wait.stepId, JSON.stringify(event)],
      );
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Runs

  /**
   * Counts `n` events taken now; returns the intake rate (events/s) over the last 250 ms (10 slots of
   * INTAKE_SLOT_MS). A short window sees a burst within a few tens of milliseconds (each run begun before that competes with it).
   */
  private countIntake(n: number): number {
    const slot = Math.floor(Date.now() / INTAKE_SLOT_MS);
    if (slot - this.intakeSlot >= this.intake.length) this.intake.fill(0);
    else for (let s = this.intakeSlot + 1; s <= slot; s++) this.intake[s % this.intake.length] = 0;
    this.intakeSlot = slot;
    this.intake[slot % this.intake.length]! += n;
    const rate = (this.intake.reduce((sum, count) => sum + count, 0) * 1000) / (INTAKE_SLOT_MS * this.intake.length);
    if (this.o.burstRate && rate >= this.o.burstRate) this.burstSeenAt = Date.now();
    return rate;
  }

  /**
   * How many runs may be under way now: all of `concurrency`; none during a burst (from the first window at
   * `burstRate` until none has been for BURST_QUIET_MS, so a pause in a flood does not let a wave of runs in); one at a
   * time once a burst has lasted `burstMaxDeferMs`.
   */
  private runLimit(): number {
    if (!this.o.burstRate) return this.o.concurrency;
    const rate = this.countIntake(0);
    if (Date.now() - this.burstSeenAt >= BURST_QUIET_MS) {
      if (this.burstSince !== null) this.log("info", "event burst over: runs go on", { deferredMs: Date.now() - this.burstSince });
      this.burstSince = null;
      return this.o.concurrency;
    }
    if (this.burstSince === null) {
      this.burstSince = Date.now();
      this.log("info", "event burst: new runs wait until it passes", { eventsPerSecond: Math.round(rate), burstRate: this.o.burstRate });
    }
    return Date.now() - this.burstSince > this.o.burstMaxDeferMs ? 1 : 0;
  }

  private async workLoop(): Promise<void> {
    while (!this.stopped) {
      const free = this.runLimit() - this.active;
      let claimed: RunRow[] = [];
      if (free > 0 && this.synced) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.log("warn", "claiming runs failed", { error: String(error) });
        }
      }
      for (const run of claimed) {
        this.active++;
        void this.execute(run)
          .catch((error: unknown) => this.log("error", "run execution crashed", { runId: run.id, error: String(error) }))
          .finally(() => {
            this.active--;
            this.wake?.();
          });
      }
      if (claimed.length === free && free > 0) continue; // there may be more due right now
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  private async claim(limit: number): Promise<RunRow[]> {
    const { rows } = await this.pool.query<RunRow>(
      `WITH due AS (
         SELECT id, status AS prev_status FROM ${S}.runs
         WHERE status IN ('queued', 'running', 'waiting') AND run_at <= now()
         ORDER BY run_at LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE ${S}.runs r SET status = 'running', run_at = now() + ($2 || ' milliseconds')::interval,
         started_at = coalesce(r.started_at, now()), updated_at = now()
       FROM due WHERE r.id = due.id
       RETURNING r.id, r.function_id, r.event_id, r.event, r.status, due.prev_status, r.steps, r.stack, r.planned,
         r.attempt, r.max_attempts, r.wait, r.begun_at`,
      [limit, String(this.o.leaseMs)],
    );
    return rows;
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** attempt);
    return Math.round(exp / 2 + Math.random() * (exp / 2)); // "equal jitter"
  }

  private async stepLog(runId: string, op: Op, attempt: number, error?: unknown) {
    await this.stepLogMany(runId, [{ op, attempt, error }]);
  }

  private async stepLogMany(runId: string, entries: { op: Op; attempt: number; error?: unknown }[]) {
    if (!entries.length) return;
    const rows = entries.map(({ op, attempt, error }) => ({
      step_id: op.id,
      name: op.displayName ?? op.name ?? null,
      op: op.op,
      attempt,
      error: error === undefined ? null : error,
    }));
    await this.pool.query(
      `INSERT INTO ${S}.step_log (run_id, step_id, name, op, attempt, error)
       SELECT $1, step_id, name, op, attempt, error FROM jsonb_to_recordset($2::jsonb)
         AS r(step_id text, name text, op text, attempt int, error jsonb)`,
      [runId, JSON.stringify(rows)],
    );
  }

  /** Drives one claimed run, renewing its lease meanwhile (a single step may run longer than the lease). */
  private async execute(run: RunRow): Promise<void> {
    const renew = setInterval(() => {
      void this.pool
        .query(`UPDATE ${S}.runs SET run_at = now() + ($2 || ' milliseconds')::interval WHERE id = $1 AND status = 'running'`, [run.id, String(this.o.leaseMs)])
        .catch(() => {});
    }, Math.max(100, this.o.leaseMs / 3));
    try {
      await this.drive(run);
    } finally {
      clearInterval(renew);
    }
  }

  /** Drives one claimed run until it yields (sleep, wait, retry later) or ends. */
  private async drive(run: RunRow): Promise<void> {
    const config = this.functions.get(run.function_id);
    if (!config) {
      await this.finish(run, "failed", null, { name: "FunctionNotFound", message: `function ${run.function_id} is not served by the app` });
      return;
    }
    const state: RunState = { steps: run.steps, stack: run.stack, planned: run.planned, attempt: run.attempt };
    if (!run.begun_at && !(await this.mayBegin(run, config))) return;
    if (run.prev_status === "waiting" && run.wait) {
      // waitForEvent timed out: the step resolves to null.
      state.steps[run.wait.stepId] = { data: null };
      state.stack.push(run.wait.stepId);
    }

    this.local.set(run.id, state);
    try {
      await this.rounds(run, state);
    } finally {
      this.local.delete(run.id);
    }
  }

  private async rounds(run: RunRow, state: RunState): Promise<void> {
    for (let round = 0; round < 1_000 && !this.stopped; round++) {
      if (round > 0 && this.o.checkpointing) {
        // Steps may have been checkpointed to another executor sharing this database: continue from the stored memo.
        const { rows } = await this.pool.query<{ steps: Record<string, StepMemo>; stack: string[] }>(`SELECT steps, stack FROM ${S}.runs WHERE id = $1`, [run.id]);
        if (rows[0]) Object.assign(state, { steps: { ...state.steps, ...rows[0].steps }, stack: rows[0].stack.length > state.stack.length ? rows[0].stack : state.stack });
      }
      const stepId = state.planned[0] ?? "step";
      const outcome = await callFunction({
        appUrl: this.o.appUrl,
        functionId: run.function_id,
        stepId,
        event: run.event,
        events: [run.event],
        steps: state.steps,
        stack: state.stack,
        runId: run.id,
        attempt: state.attempt,
        maxAttempts: run.max_attempts,
        checkpointing: this.o.checkpointing,
      });
      if (outcome.kind === "unreachable") {
        // The app is restarting or deploying: try again soon without spending an attempt.
        await this.save(run.id, state, { status: "queued", runAt: new Date(Date.now() + 1_000), countAttempt: false });
        return;
      }
      if (outcome.kind === "complete") return this.finish(run, "completed", outcome.output, null, state);
      if (outcome.kind === "error") {
        const last = !outcome.retriable || state.attempt + 1 >= run.max_attempts;
        if (last) return this.finish(run, "failed", null, outcome.error, state);
        const delay = retryAfterMs(outcome.retryAfter) ?? this.backoff(state.attempt);
        state.attempt += 1;
        await this.save(run.id, state, { status: "queued", runAt: new Date(Date.now() + delay), error: outcome.error });
        return;
      }

      let next: { status: "queued" | "waiting"; runAt: Date; wait?: unknown; error?: unknown } | null = null;
      for (const op of outcome.ops) {
        switch (op.op) {
          case "StepRun":
          case "Step":
            if (!(op.id in state.steps)) await this.stepLog(run.id, op, state.attempt); // else checkpointed already
            state.steps[op.id] = { data: op.data ?? null };
            if (!state.stack.includes(op.id)) state.stack.push(op.id);
            state.planned = state.planned.filter((id) => id !== op.id);
            state.attempt = 0;
            break;
          case "StepError": {
            const final = outcome.noRetry === true || state.attempt + 1 >= run.max_attempts;
            await this.stepLog(run.id, op, state.attempt, op.error);
            if (final) {
              state.steps[op.id] = { error: op.error };
              state.stack.push(op.id);
              state.planned = state.planned.filter((id) => id !== op.id);
              state.attempt = 0;
              break;
            }
            const delay = retryAfterMs(outcome.retryAfter) ?? this.backoff(state.attempt);
            state.attempt += 1;
            state.planned = [op.id, ...state.planned.filter((id) => id !== op.id)];
            next = { status: "queued", runAt: new Date(Date.now() + delay), error: op.error };
            break;
          }
          case "StepFailed":
            state.steps[op.id] = { error: op.error };
            state.stack.push(op.id);
            state.planned = state.planned.filter((id) => id !== op.id);
            await this.stepLog(run.id, op, state.attempt, op.error);
            state.attempt = 0;
            break;
          case "StepPlanned":
            if (!state.planned.includes(op.id) && !(op.id in state.steps)) state.planned.push(op.id);
            break;
          case "Sleep": {
            const wakeAt = wakeTimeOf(op);
            state.steps[op.id] = { data: null };
            state.stack.push(op.id);
            await this.stepLog(run.id, op, state.attempt);
            if (wakeAt.getTime() > Date.now()) next = { status: "queued", runAt: wakeAt };
            break;
          }
          case "WaitForEvent": {
            const timeoutMs = parseDuration(typeof op.opts?.timeout === "string" ? op.opts.timeout : "") ?? 86_400_000;
            const eventName = typeof op.opts?.event === "string" ? op.opts.event : (op.name ?? "");
            await this.stepLog(run.id, op, state.attempt);
            next = {
              status: "waiting",
              runAt: new Date(Date.now() + timeoutMs),
              wait: { stepId: op.id, event: eventName, ...(typeof op.opts?.if === "string" ? { if: op.opts.if } : {}) },
            };
            break;
          }
          case "RunComplete":
            return this.finish(run, "completed", op.data ?? null, null, state);
          default:
            return this.finish(run, "failed", null, { name: "UnsupportedOperation", message: `the local executor does not support ${op.op}` }, state);
        }
      }
      if (next) {
        await this.save(run.id, state, next);
        return;
      }
      await this.save(run.id, state, { status: "running", runAt: new Date(Date.now() + this.o.leaseMs) });
    }
    // Yield a long-running run so others get their turn.
    await this.save(run.id, state, { status: "queued", runAt: new Date() });
  }

  private async save(
    runId: string,
    state: { steps: Record<string, StepMemo>; stack: string[]; planned: string[]; attempt: number },
    next: { status: string; runAt: Date; wait?: unknown; error?: unknown; countAttempt?: boolean },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE ${S}.runs SET status = $2, run_at = $3, steps = steps || $4::jsonb,
         stack = CASE WHEN jsonb_array_length($5::jsonb) >= jsonb_array_length(stack) THEN $5::jsonb ELSE stack END,
         planned = $6, attempt = $7, wait = $8,
         error = coalesce($9, error), attempts_total = attempts_total + $10, updated_at = now()
       WHERE id = $1`,
      [
        runId,
        next.status,
        next.runAt,
        JSON.stringify(state.steps),
        JSON.stringify(state.stack),
        JSON.stringify(state.planned),
        state.attempt,
        next.wait === undefined ? null : JSON.stringify(next.wait),
        next.error === undefined ? null : JSON.stringify(next.error),
        next.error !== undefined ? 1 : 0,
      ],
    );
  }

  private async finish(
    run: RunRow,
    status: "completed" | "failed",
    output: unknown,
    error: unknown,
    state?: { steps: Record<string, StepMemo>; stack: string[]; planned: string[]; attempt: number },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE ${S}.runs SET status = $2, output = $3, error = coalesce($4, error), finished_at = now(), updated_at = now(),
         run_at = now(), wait = NULL, steps = steps || coalesce($5::jsonb, '{}'),
         stack = CASE WHEN jsonb_array_length(coalesce($6::jsonb, '[]')) >= jsonb_array_length(stack) THEN coalesce($6::jsonb, stack) ELSE stack END,
         planned = '[]',
         attempts_total = attempts_total + $7
       WHERE id = $1`,
      [
        run.id,
        status,
        output === null || output === undefined ? null : JSON.stringify(output),
        error === null || error === undefined ? null : JSON.stringify(error),
        state ? JSON.stringify(state.steps) : null,
        state ? JSON.stringify(state.stack) : null,
        status === "failed" ? 1 : 0,
      ],
    );
    if (status === "failed" && run.event.name !== "inngest/function.failed") {
      this.log("warn", "run failed", { runId: run.id, functionId: run.function_id });
      await this.send([
        {
          id: `failed:${run.id}`,
          name: "inngest/function.failed",
          data: { function_id: run.function_id, run_id: run.id, error, event: run.event },
        },
      ]);
    }
  }

  /**
   * `throttle: { limit, period }`: at most `limit` runs of a function begin per `period`; the rest wait their turn.
   * Serialized per function with an advisory lock so concurrent executors agree.
   */
  private async mayBegin(run: RunRow, config: FunctionConfig): Promise<boolean> {
    const periodMs = config.throttle ? parseDuration(config.throttle.period) : null;
    if (!config.throttle || !periodMs) return true; // begun_at is only kept for throttle accounting
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`throttle:${run.function_id}`]);
      const { rows } = await client.query<{ n: number; oldest: Date | null }>(
        `SELECT count(*)::int AS n, min(begun_at) AS oldest FROM ${S}.runs
         WHERE function_id = $1 AND begun_at > clock_timestamp() - ($2 || ' milliseconds')::interval`,
        [run.function_id, String(periodMs)],
      );
      const { n, oldest } = rows[0]!;
      if (n >= config.throttle.limit) {
        const retryAt = new Date((oldest?.getTime() ?? Date.now()) + periodMs + 5);
        await client.query(`UPDATE ${S}.runs SET status = 'queued', run_at = $2, updated_at = now() WHERE id = $1`, [run.id, retryAt]);
        await client.query("COMMIT");
        return false;
      }
      // The clock under the lock, not the transaction's start (now()): a transaction that waited for the lock would
      // otherwise record a begin earlier than the one it was queued behind.
      await client.query(`UPDATE ${S}.runs SET begun_at = clock_timestamp() WHERE id = $1`, [run.id]);
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Records steps the SDK checkpoints while a request is still running (async checkpointing). Answers false for a
   * run that is no longer running here (a stale dispatch), which the SDK treats as "stop".
   */
  async checkpoint(runId: string, ops: Op[]): Promise<boolean> {
    const done = ops.filter((op) => op.op === "StepRun" || op.op === "Step");
    const memo = Object.fromEntries(done.map((op) => [op.id, { data: op.data ?? null }]));
    const log = done.map((op) => ({ step_id: op.id, name: op.displayName ?? op.name ?? null, op: op.op }));
    // One statement: record the steps on the run (only while it is running here) and in the step log.
    const { rows } = await this.pool.query<{ updated: number }>(
      `WITH run AS (
         UPDATE ${S}.runs SET steps = steps || $2::jsonb, stack = stack || $3::jsonb, attempt = 0, updated_at = now(),
           planned = (SELECT coalesce(jsonb_agg(p), '[]') FROM jsonb_array_elements(planned) p WHERE NOT ($3::jsonb @> jsonb_build_array(p)))
         WHERE id = $1 AND status = 'running' RETURNING id
       ), logged AS (
         INSERT INTO ${S}.step_log (run_id, step_id, name, op, attempt)
         SELECT run.id, r.step_id, r.name, r.op, 0 FROM run, jsonb_to_recordset($4::jsonb) AS r(step_id text, name text, op text)
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM run) AS updated, (SELECT count(*) FROM logged) AS logged`,
      [runId, JSON.stringify(memo), JSON.stringify(done.map((op) => op.id)), JSON.stringify(log)],
    );
    if (!rows[0]?.updated) return false;
    const local = this.local.get(runId);
    if (local) {
      for (const op of done) {
        local.steps[op.id] = { data: op.data ?? null };
        if (!local.stack.includes(op.id)) local.stack.push(op.id);
      }
      local.planned = local.planned.filter((id) => !done.some((op) => op.id === id));
      local.attempt = 0;
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Cron and housekeeping

  private async tickCron(): Promise<void> {
    if (!this.synced) return;
    for (const config of this.functions.values()) {
      for (const trigger of config.triggers) {
        if (!("cron" in trigger)) continue;
        const schedule = new Cron(trigger.cron.replace(/^TZ=\S+\s+/, ""), { paused: true });
        const { rows } = await this.pool.query<{ next_at: Date }>(
          `INSERT INTO ${S}.cron (function_id, cron, next_at) VALUES ($1, $2, $3)
           ON CONFLICT (function_id, cron) DO UPDATE SET function_id = EXCLUDED.function_id RETURNING next_at`,
          [config.id, trigger.cron, schedule.nextRun() ?? new Date(8.64e15)],
        );
        const due = rows[0]?.next_at;
        if (!due || due.getTime() > Date.now()) continue;
        const following = schedule.nextRun(new Date()) ?? new Date(8.64e15);
        // Compare-and-set: of several executors, exactly one advances the schedule and starts the run.
        const won = await this.pool.query(`UPDATE ${S}.cron SET next_at = $3 WHERE function_id = $1 AND cron = $2 AND next_at = $4`, [
          config.id,
          trigger.cron,
          following,
          due,
        ]);
        if (!won.rowCount) continue;
        const event = { id: `cron:${config.id}:${due.toISOString()}`, name: "inngest/scheduled.timer", data: { cron: trigger.cron }, ts: due.getTime() };
        await this.pool.query(`INSERT INTO ${S}.events (id, name, data, ts, matched) VALUES ($1, $2, $3, $4, true) ON CONFLICT DO NOTHING`, [
          event.id,
          event.name,
          JSON.stringify(event),
          event.ts,
        ]);
        await this.createRun(config, event);
        this.wake?.();
      }
    }
  }

  private async purge(): Promise<void> {
    await this.pool.query(`DELETE FROM ${S}.events WHERE received_at < now() - interval '24 hours'`);
    await this.pool.query(`DELETE FROM ${S}.step_log WHERE run_id IN (SELECT id FROM ${S}.runs WHERE finished_at < now() - interval '7 days')`);
    await this.pool.query(`DELETE FROM ${S}.runs WHERE finished_at < now() - interval '7 days'`);
  }
}

/**
 * Inngest's `priority.run`: seconds by which a new run is placed ahead in the queue (its `run_at` moved back; runs are
 * claimed oldest `run_at` first), clamped to Inngest's -600…600. An expression this executor cannot evaluate counts
 * as 0, as Inngest treats a failing one.
 */
export function priorityOf(config: FunctionConfig, event: unknown): number {
  if (!config.priority?.run) return 0;
  try {
    const value = Number(evaluateValue(config.priority.run, { event }));
    return Number.isFinite(value) ? Math.max(-600, Math.min(600, value)) : 0;
  } catch {
    return 0;
  }
}

function eventMatches(pattern: string, name: string): boolean {
  return pattern === name || (pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1)));
}

function safeEvaluate(expression: string, scope: { event?: unknown; async?: unknown }): boolean {
  try {
    return evaluate(expression, scope);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
