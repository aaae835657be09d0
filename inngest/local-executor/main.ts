/**
 * Runs the local executor as its own process (started by scripts/launch.ts when no Inngest is configured):
 *   DATABASE_URL, EXECUTOR_APP_URL (the app's /api/inngest), LOCAL_EXECUTOR_PORT (8288), EXECUTOR_CONCURRENCY (10),
 *   EXECUTOR_BURST_RATE (200 events/s: at this intake no new run begins until it falls, see executor.ts; 0: never)
 */
import { redact, scrubString } from "../../lib/log/redact";
import { LocalExecutor } from "./executor";
import { createExecutorServer } from "./server";

const databaseUrl = process.env.DATABASE_URL;
const appUrl = process.env.EXECUTOR_APP_URL ?? "http://localhost:3000/api/inngest";
const port = Number(process.env.LOCAL_EXECUTOR_PORT ?? 8288);
const concurrency = Number(process.env.EXECUTOR_CONCURRENCY ?? 10);
const burstRate = Number(process.env.EXECUTOR_BURST_RATE ?? 200);

if (!databaseUrl) {
  console.error("[executor] DATABASE_URL is required");
  process.exit(1);
}

// Redacted like the app's own logs (lib/log): error strings from the database or the app can echo attendees' data.
const log = (level: string, message: string, fields?: Record<string, unknown>) =>
  console.log(JSON.stringify({ level, time: new Date().toISOString(), service: "local-executor", msg: scrubString(message), ...(redact(fields ?? {}) as object) }));

async function main(url: string) {
  const executor = new LocalExecutor({ databaseUrl: url, appUrl, concurrency, burstRate, log });
  await executor.start();
  const server = createExecutorServer(executor);
  server.listen(port, "127.0.0.1", () => log("info", `listening on 127.0.0.1:${port}`, { appUrl }));
  const shutdown = () => {
    server.close();
    void executor.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main(databaseUrl).catch((error: unknown) => {
  log("error", "executor failed to start", { error: String(error) });
  process.exit(1);
});
