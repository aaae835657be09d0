/**
 * Test harness for anything that runs Inngest functions: the real SDK serve handler on a local HTTP server, driven
 * by the local executor against this worker's test database. Only the app's functions are fixtures.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction, type Middleware } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { LocalExecutor, type ExecutorOptions } from "@/inngest/local-executor/executor";
import { createExecutorServer } from "@/inngest/local-executor/server";

export type RunRow = { id: string; status: string; output: unknown; error: { message?: string } | null; attempts_total: number };

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export async function startHarness(appId: string, build: (inngest: Inngest) => InngestFunction.Any[], options: Partial<Pick<ExecutorOptions, "leaseMs" | "burstRate" | "burstMaxDeferMs">> & { middleware?: Middleware.Class[] } = {}) {
  const databaseUrl = process.env.DATABASE_URL!;
  const holder: { server?: http.Server } = {};
  // The executor's event intake must have a port before the client exists (the SDK sends events there).
  const intake = http.createServer((req, res) => holder.server!.emit("request", req, res));
  await new Promise<void>((resolve) => intake.listen(0, "127.0.0.1", resolve));
  const executorPort = (intake.address() as AddressInfo).port;

  const { middleware, ...executorOptions } = options;
  const inngest = new Inngest({ id: appId, isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: quiet, ...(middleware ? { middleware } : {}) });
  const app = http.createServer(serve({ client: inngest, functions: build(inngest) }));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appPort = (app.address() as AddressInfo).port;
  const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;
  const pool = new pg.Pool({ connectionString: databaseUrl });

  let executor!: LocalExecutor;
  async function startExecutor() {
    executor = new LocalExecutor({ databaseUrl, appUrl, pollMs: 25, backoffBaseMs: 40, backoffMaxMs: 200, syncIntervalMs: 60_000, ...executorOptions });
    holder.server = createExecutorServer(executor);
    await executor.start();
    const until = Date.now() + 10_000;
    while (executor.functionIds.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }
  await startExecutor();

  return {
    inngest,
    pool,
    executorPort,
    get executor() {
      return executor;
    },
    async restartExecutor() {
      await executor.stop();
      await startExecutor();
    },
    async stopApp() {
      const closed = new Promise((r) => app.close(r));
      app.closeAllConnections();
      await closed;
    },
    startApp: () => new Promise<void>((resolve) => app.listen(appPort, "127.0.0.1", resolve)),
    async waitForRun(functionId: string, eventId: string, statuses = ["completed", "failed"], timeoutMs = 10_000): Promise<RunRow> {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const { rows } = await pool.query<RunRow>(
          "SELECT id, status, output, error, attempts_total FROM inngest_local.runs WHERE function_id = $1 AND event_id = $2 AND rerun_of IS NULL",
          [`${appId}-${functionId}`, eventId],
        );
        if (rows[0] && statuses.includes(rows[0].status)) return rows[0];
        await new Promise((r) => setTimeout(r, 30));
      }
      throw new Error(`run of ${functionId} for ${eventId} did not reach ${statuses.join("/")}`);
    },
    async stop() {
      await executor.stop();
      await pool.end();
      app.closeAllConnections();
      await new Promise((r) => app.close(r));
      await new Promise((r) => intake.close(r));
    },
  };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
