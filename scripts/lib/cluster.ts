/**
 * `next start` on every core: the launcher is the primary of a Node.js cluster whose workers each run Next's own CLI
 * (`next start`) unchanged. A worker's `listen(PORT)` goes through the primary, which owns the one listening socket
 * and hands connections to the workers in turn (round-robin), so route handlers, `after()`, server actions and
 * streaming work as in a single `next start`. State the workers must share goes through PostgreSQL: the data, the
 * live-update feed (NOTIFY) and cache invalidations (lib/cache/cluster-cache-handler.mjs). See docs/decisions.md #75.
 *
 * A worker that dies is replaced; one that keeps dying right after starting is replaced with a growing delay
 * (1 s, 2 s, 4 s … 30 s), so a broken build does not fork in a tight loop.
 */
import cluster, { type Worker } from "node:cluster";
import { setPriority } from "node:os";

/** A kind of worker: how many, the environment they get on top of the primary's (PORT…), and a CPU niceness. */
export type WorkerGroup = { role: string; count: number; env?: Record<string, string>; niceness?: number };

export type ClusterOptions = {
  groups: WorkerGroup[];
  /** The program each worker runs (Next's CLI) and its arguments. */
  exec: string;
  args: string[];
  log: (line: string) => void;
  /** Set: workers' stdout/stderr are piped to the primary and handed to this (LOG_FILE); unset: inherited. */
  output?: (worker: Worker["process"]) => void;
};

export type ClusterHandle = {
  /** SIGTERM to every worker, SIGKILL after `graceMs`; resolves when all have exited. */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<void>;
};

const QUICK_CRASH_MS = 10_000;
const MAX_DELAY_MS = 30_000;

export function startCluster(options: ClusterOptions): ClusterHandle {
  // Workers run Next as `node <next> start` would: without the launcher's own loaders (tsx).
  cluster.setupPrimary({ exec: options.exec, args: options.args, execArgv: [], silent: Boolean(options.output) });
  let stopping = false;
  let quickCrashes = 0;
  const startedAt = new Map<number, number>();
  const groupOf = new Map<number, WorkerGroup>();
  const stoppedListeners: Array<() => void> = [];

  const fork = (group: WorkerGroup) => {
    const worker = cluster.fork(group.env ?? {});
    options.output?.(worker.process);
    startedAt.set(worker.id, Date.now());
    groupOf.set(worker.id, group);
    if (group.niceness && worker.process.pid) {
      try {
        setPriority(worker.process.pid, group.niceness);
      } catch {
        /* not permitted here: it runs at normal priority */
      }
    }
    return worker;
  };

  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    const group = groupOf.get(worker.id)!;
    startedAt.delete(worker.id);
    groupOf.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) for (const listener of stoppedListeners.splice(0)) listener();
      return;
    }
    quickCrashes = lived < QUICK_CRASH_MS ? quickCrashes + 1 : 0;
    const delay = quickCrashes === 0 ? 0 : Math.min(MAX_DELAY_MS, 1_000 * 2 ** (quickCrashes - 1));
    options.log(
      `${group.role} worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s; ` +
        `starting a replacement${delay ? ` in ${delay / 1000} s` : ""}`,
    );
    setTimeout(() => {
      if (!stopping) fork(group);
    }, delay);
  });

  for (const group of options.groups) for (let i = 0; i < group.count; i++) fork(group);
  return {
    stop: (signal = "SIGTERM", graceMs = 10_000) => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
      if (workers.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        stoppedListeners.push(resolve);
        for (const worker of workers) worker.process.kill(signal);
        setTimeout(() => {
          for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
        }, graceMs).unref();
      });
    },
  };
}
