/**
 * The one entry point for running Eventline on a machine.
 *
 *   launch dev            embedded defaults (when their keys are unset) + migrate + seed-if-empty + `next dev`
 *   launch start          the same around `next start` (after `npm run build`), one Next.js worker per core
 *                         (WEB_CONCURRENCY), crashed workers replaced (scripts/lib/cluster.ts)
 *   launch exec -- CMD    runs CMD with DATABASE_URL pointing at the same database (used by db:* scripts)
 *
 * With DATABASE_URL set it starts no database. Later concerns (the local job executor) join here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { EnvError, modesOf, parseEnv } from "../lib/env";
import { startCluster } from "./lib/cluster";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./lib/embedded-postgres";

const DATABASE = "eventline";
const root = path.resolve(import.meta.dirname, "..");
/** LOG_FILE: a copy of everything printed here and by the children (the e2e run scans it for secrets). */
let logFile: WriteStream | undefined;
const say = (line: string) => {
  console.log(`[launch] ${line}`);
  logFile?.write(`[launch] ${line}\n`);
};

/** Copies a child's piped output to ours and to LOG_FILE. */
function tee(child: Pick<ChildProcess, "stdout" | "stderr">): void {
  const file = logFile;
  if (!file) return;
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    file.write(chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    file.write(chunk);
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  if (!logFile) return spawn(command, args, { cwd: root, env, stdio: "inherit" });
  const child = spawn(command, args, { cwd: root, env, stdio: ["inherit", "pipe", "pipe"] });
  tee(child);
  return child;
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = run(command, args, env);
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Background work (the Next.js worker serving job runs) yields the CPU to requests: at nice 5 it gets about a quarter
 * of a contended core (kernel weights 335 vs 1024), so a backlog drains without taking the CPU from requests and is
 * never starved. The executor itself stays at normal priority: its event intake is on requests' path (`after()`
 * sends), and a starved intake makes the app's job client time out and back off (entry 78).
 */
const JOBS_NICENESS = 5;

const tsNode = ["--import", "./scripts/server-only-shim.mjs", "--import", "tsx"];

/**
 * The local job executor (inngest/local-executor) as a child process, when no Inngest is configured and nothing
 * answers on its port already (another launcher's executor, or a real Inngest Dev Server). Restarted if it dies.
 */
async function startExecutor(env: NodeJS.ProcessEnv, appPort: number, port: number, stopping: () => boolean) {
  const answering = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) })
    .then((r) => r.ok)
    .catch(() => false);
  if (answering) {
    say(`jobs: something already answers on 127.0.0.1:${port}; using it`);
    return null;
  }
  let child: ChildProcess;
  let stopped = false;
  const spawnIt = () => {
    child = run(process.execPath, [...tsNode, "inngest/local-executor/main.ts"], {
      ...env,
      LOCAL_EXECUTOR_PORT: String(port),
      EXECUTOR_APP_URL: `http://localhost:${appPort}/api/inngest`,
    });
    child.on("exit", (code) => {
      if (stopped || stopping() || code === 0) return;
      say(`local executor exited (${code}); restarting in 1 s`);
      setTimeout(spawnIt, 1_000);
    });
  };
  spawnIt();
  say(`jobs: local executor on 127.0.0.1:${port}`);
  return {
    stop: () => {
      stopped = true;
      if (child.exitCode === null) child.kill("SIGTERM");
    },
  };
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode !== "dev" && mode !== "start" && mode !== "exec") {
    console.error("usage: launch dev | start | exec -- <command> [args…]");
    process.exit(2);
  }

  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[launch] ${error.message}\nFix the variables above (see README.md, "Configuration") and start again.`);
      process.exit(1);
    }
    throw error;
  }

  if (env.LOG_FILE) {
    mkdirSync(path.dirname(path.resolve(root, env.LOG_FILE)), { recursive: true });
    logFile = createWriteStream(path.resolve(root, env.LOG_FILE), { flags: "w" });
  }

  // npm's own lifecycle variables (npm_package_*, npm_config_* …) mean nothing to the app; the Inngest SDK scans the
  // whole environment several times per request (~11% of the app's CPU in a jobs profile), so they stay out.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("npm_")));
  const childEnv: NodeJS.ProcessEnv = { ...(inherited as NodeJS.ProcessEnv), NEXT_TELEMETRY_DISABLED: "1" };
  let database: EmbeddedPostgresHandle | undefined;
  if (env.DATABASE_URL) {
    childEnv.EMBEDDED_DATABASE = "0";
    say("using the database in DATABASE_URL (no embedded server)");
  } else {
    database = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log: say });
    await ensureDatabase(database.url("postgres"), DATABASE);
    childEnv.DATABASE_URL = database.url(DATABASE);
    childEnv.EMBEDDED_DATABASE = "1";
  }

  let stopping = false;
  const finish = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (database?.owned) {
      say("stopping embedded postgres");
      await database.stop().catch((error: unknown) => say(`could not stop postgres cleanly: ${String(error)}`));
    }
    process.exit(code);
  };

  if (mode === "exec") {
    const args = rest[0] === "--" ? rest.slice(1) : rest;
    if (args.length === 0) {
      console.error("usage: launch exec -- <command> [args…]");
      return finish(2);
    }
    const code = await runToEnd(args[0]!, args.slice(1), childEnv);
    return finish(code);
  }

  const migrated = await runToEnd(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], childEnv);
  if (migrated !== 0) {
    say("database migrations failed; not starting the app");
    return finish(migrated);
  }
  const seeded = await runToEnd(process.execPath, [...tsNode, "prisma/seed.ts", "--if-empty"], childEnv);
  if (seeded !== 0) say("seeding failed (the app starts anyway)");

  if (mode === "start" && !childEnv.AUTH_PROVIDER && !env.CLERK_SECRET_KEY) {
    if (database) {
      // One machine with the embedded database (e2e, bench, a demo): local accounts, chosen explicitly and said so.
      childEnv.AUTH_PROVIDER = "local";
      say("sign-in: local accounts (AUTH_PROVIDER=local, because this is a one-machine start with the embedded database; set Clerk keys for a real deployment)");
    } else {
      say("refusing to start in production without an identity provider: set CLERK_SECRET_KEY + NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, or AUTH_PROVIDER=local");
      return finish(1);
    }
  }
  const modes = modesOf(parseEnv(childEnv));
  say(`modes: ${Object.entries(modes).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  // The project pins its runtime (optionalDependencies node-linux-*, decision 103); elsewhere the machine's Node.js runs it.
  say(`runtime: Node.js ${process.version} (${process.execPath})`);

  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  // `start` with the local executor: its runs go to a Next.js worker of their own on LOCAL_JOBS_PORT, at a lower CPU
  // priority, so a backlog of background work does not take the CPU from requests (entry 78).
  const jobsPort = mode === "start" && modes.jobs === "local-executor" && env.JOB_WORKERS === "on" ? env.LOCAL_JOBS_PORT ?? env.LOCAL_EXECUTOR_PORT + 1 : null;
  const executor = modes.jobs === "local-executor" ? await startExecutor(childEnv, jobsPort ?? env.PORT, env.LOCAL_EXECUTOR_PORT, () => stopping) : null;

  if (mode === "dev") {
    const next = run(process.execPath, [nextBin, mode, ...rest], childEnv);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(signal, () => {
        if (next.exitCode === null) next.kill(signal);
        executor?.stop();
      });
    }
    next.on("exit", (code, signal) => {
      executor?.stop();
      void finish(code ?? (signal ? 0 : 1));
    });
    return;
  }

  // start: the launcher is the cluster primary; workers inherit its environment, so it becomes the child environment.
  for (const name of Object.keys(process.env)) if (!(name in childEnv)) delete process.env[name];
  Object.assign(process.env, childEnv);
  const webWorkers = env.WEB_CONCURRENCY ?? availableParallelism();
  const web = startCluster({
    groups: [
      { role: "web", count: webWorkers },
      ...(jobsPort ? [{ role: "jobs", count: webWorkers, env: { PORT: String(jobsPort) }, niceness: JOBS_NICENESS }] : []),
    ],
    exec: nextBin,
    args: [mode, ...rest],
    log: say,
    ...(logFile ? { output: tee } : {}),
  });
  say(`web: ${webWorkers} Next.js worker${webWorkers === 1 ? "" : "s"} on port ${env.PORT} (WEB_CONCURRENCY)${jobsPort ? `; jobs: as many on port ${jobsPort} for the local executor, nice ${JOBS_NICENESS}` : ""}`);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      executor?.stop();
      void web.stop(signal === "SIGHUP" ? "SIGTERM" : signal).then(() => finish(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(`[launch] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
