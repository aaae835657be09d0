/**
 * What the resilience suite controls: its own embedded PostgreSQL (so killing the app leaves the database up, and the
 * suite can stop and start the database itself), the production server started through the launcher in its own
 * process group (so `kill -9` reaches the launcher, Next.js and the local executor at once), and the checks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedPostgresHandle } from "../lib/embedded-postgres";

export const root = path.resolve(import.meta.dirname, "../..");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ports = {
  app: Number(process.env.RESILIENCE_PORT ?? 3450),
  executor: Number(process.env.RESILIENCE_EXECUTOR_PORT ?? 8450),
  postgres: Number(process.env.RESILIENCE_PG_PORT ?? 54450),
};
export const pgDir = process.env.RESILIENCE_PG_DIR ?? ".data/resilience-postgres";
export const base = `http://localhost:${ports.app}`;
const DATABASE = "eventline";

/** Polls `check` until it is true; conditions, not fixed sleeps, so a busy machine only makes it slower. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------- checks

export type Check = { scenario: string; name: string; ok: boolean; detail: string };
export const checks: Check[] = [];
let currentScenario = "setup";
export const setScenario = (name: string) => (currentScenario = name);

/** Records one check; the suite exits non-zero when any failed. */
export function check(name: string, ok: boolean, detail = ""): boolean {
  checks.push({ scenario: currentScenario, name, ok, detail });
  console.log(`  ${ok ? "✓" : "✗"} ${name}${detail ? ` — ${detail}` : ""}`);
  return ok;
}

export function counts(label: string, values: Record<string, number | string>) {
  console.log(`  ${label}: ${Object.entries(values).map(([k, v]) => `${k} ${v}`).join(", ")}`);
}

// ---------------------------------------------------------------- database

export class Database {
  handle: EmbeddedPostgresHandle | null = null;
  pool: pg.Pool;
  readonly url = `postgresql://postgres:postgres@localhost:${ports.postgres}/${DATABASE}`;

  constructor() {
    this.pool = new pg.Pool({ connectionString: this.url, max: 4 });
    this.pool.on("error", () => {}); // idle connections die when the suite stops the database on purpose
  }

  /** A fresh cluster each run (counts start at zero); an orphan from a killed earlier run is stopped first. */
  async fresh(): Promise<void> {
    const dir = path.resolve(root, pgDir);
    const pid = readPid(path.join(dir, "postmaster.pid"));
    if (pid && alive(pid)) {
      process.kill(pid, "SIGINT");
      await waitFor("an orphaned resilience PostgreSQL to stop", () => !alive(pid), 20_000);
    }
    rmSync(dir, { recursive: true, force: true });
    await this.start();
    await ensureDatabase(this.handle!.url("postgres"), DATABASE);
  }

  async start(): Promise<void> {
    this.handle = await startEmbeddedPostgres({ dir: pgDir, port: ports.postgres, log: () => {} });
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
    this.handle = null;
  }

  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
    return this.pool.query<R>(text, values);
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- the app

const tsNode = ["--import", "./scripts/server-only-shim.mjs", "--import", "tsx"];

/** The production server through the launcher (`launch.ts start`), in its own process group, output to a log file. */
export class App {
  launcher: ChildProcess | null = null;
  readonly logFile = path.join(root, ".data/resilience-app.log");
  starts = 0;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    rmSync(this.logFile, { force: true });
  }

  async start(timeoutMs = 180_000): Promise<number> {
    const started = Date.now();
    this.starts++;
    appendFileSync(this.logFile, `\n===== start #${this.starts} at ${new Date().toISOString()}\n`);
    // The server writes its output straight to the log file: through a pipe to this process, a moment of not reading
    // could block it (stdout to a pipe is synchronous in Node on Linux).
    const out = openSync(this.logFile, "a");
    const child = spawn(process.execPath, [...tsNode, "scripts/launch.ts", "start"], { cwd: root, env: this.env, stdio: ["ignore", out, out], detached: true });
    closeSync(out);
    this.launcher = child;
    await waitFor(
      "the app (ready) and the local executor (functions synced)",
      async () => {
        if (child.exitCode !== null) throw new Error(`the launcher exited (${child.exitCode}); see ${path.relative(root, this.logFile)}`);
        const ready = await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(3_000) });
        if (ready.status !== 200) return false;
        const health = (await (await fetch(`http://127.0.0.1:${ports.executor}/health`, { signal: AbortSignal.timeout(3_000) })).json()) as { functions: string[] };
        return health.functions.includes("eventline-process-webhook");
      },
      timeoutMs,
      500,
    ).catch((error: unknown) => {
      if (child.exitCode !== null) throw new Error(`the launcher exited (${child.exitCode}); see ${path.relative(root, this.logFile)}`);
      throw error;
    });
    return Date.now() - started;
  }

  /** `kill -9` of the whole launcher process group: launcher, Next.js and the executor die at once. */
  async kill9(): Promise<void> {
    const child = this.launcher!;
    const group = this.groupPids();
    process.kill(-child.pid!, "SIGKILL");
    await waitFor("the killed server's processes to disappear", () => group.every((pid) => !alive(pid)), 20_000, 50);
    this.launcher = null;
  }

  /** Graceful stop at the end (SIGTERM to the group; SIGKILL if it lingers). */
  async stop(): Promise<void> {
    const child = this.launcher;
    if (!child || child.exitCode !== null) return;
    const group = this.groupPids();
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    await waitFor("the server to stop", () => group.every((pid) => !alive(pid)), 20_000, 100).catch(() => {
      for (const pid of group) if (alive(pid)) process.kill(pid, "SIGKILL");
    });
    this.launcher = null;
  }

  /** Every process of the launcher's group. */
  groupPids(): number[] {
    const pgid = this.launcher?.pid;
    if (!pgid) return [];
    return procs().filter((p) => p.pgid === pgid).map((p) => p.pid);
  }

  /** The Next.js server process (`next-server`, or `node …/next start`) under the launcher. */
  nextPid(): number | null {
    const found = procs().find((p) => p.pgid === this.launcher?.pid && p.ppid === this.launcher?.pid && /next/.test(p.cmdline) && !/local-executor/.test(p.cmdline));
    return found?.pid ?? null;
  }

  executorPid(): number | null {
    return procs().find((p) => p.pgid === this.launcher?.pid && /inngest\/local-executor\/main\.ts/.test(p.cmdline))?.pid ?? null;
  }

  tail(lines = 40): string {
    try {
      return readFileSync(this.logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }
}

type Proc = { pid: number; ppid: number; pgid: number; cmdline: string };

function procs(): Proc[] {
  const list: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      list.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ") });
    } catch {
      /* gone */
    }
  }
  return list;
}

/** Resident memory of a process in MB (VmRSS). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Is a TCP port free on loopback (nothing answers HTTP there)? */
export async function portAnswers(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    (error: unknown) => !/ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error)),
  );
}

export const buildExists = () => existsSync(path.join(root, ".next/BUILD_ID"));
