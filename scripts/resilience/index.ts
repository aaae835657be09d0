/**
 * `npm run test:resilience` (issue #8): the production server under faults. See docs/resilience.md.
 *
 *   1 kill-server      kill -9 of launcher + Next.js + executor during signed Twilio webhook load, restart
 *   2 database-outage  PostgreSQL stopped for 10 s during load, started again; the app recovers by itself
 *   3 email-provider   the Resend stand-in answers 429, then 500, for a while
 *   4 executor-kill    kill -9 of the local job executor mid-run
 *   5 fuzz             ≥ 5,000 malformed requests from the OpenAPI document and against the webhook routes
 *
 * Reuses the production build in .next when it is newer than the sources (npm test builds it for test:e2e just
 * before); builds otherwise. `--only 1,5` (or names) runs some scenarios. Exits non-zero when any check failed.
 */
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { App, Database, base, buildExists, checks, counts, ports, portAnswers, root, setScenario } from "./harness";
import type { Context } from "./context";
import { ProviderStandIn } from "./stand-ins";
import { killServer } from "./scenarios/kill-server";
import { databaseOutage } from "./scenarios/database-outage";
import { emailProvider } from "./scenarios/email-provider";
import { executorKill } from "./scenarios/executor-kill";
import { fuzz } from "./scenarios/fuzz";

const SCENARIOS: [string, string, (ctx: Context) => Promise<void>][] = [
  ["1", "kill-server", killServer],
  ["2", "database-outage", databaseOutage],
  ["3", "email-provider", emailProvider],
  ["4", "executor-kill", executorKill],
  ["5", "fuzz", fuzz],
];

// Credentials of this suite's own deployment (the database is named by DATABASE_URL, so no development secrets apply).
const API_KEY = "evl_resilience000000000000000000000000000000000";
const TWILIO_TOKEN = "resilience-twilio-auth-token-0123456789";
const SECRETS = { clerk: "whsec_cmVzaWxpZW5jZS1jbGVyay1zZWNyZXQtMDEyMzQ1", resend: "whsec_cmVzaWxpZW5jZS1yZXNlbmQtc2VjcmV0LTAxMjM0", shopify: "resilience-shopify-webhook-secret" };
const METRICS_TOKEN = "resilience-metrics-token-0123456789";
const DEMO_NUMBER = "+14155238886"; // prisma/seed.ts: the demo event's concierge number

/** The build is usable when it exists and no source file changed after it. */
function buildIsCurrent(): boolean {
  if (!buildExists()) return false;
  const built = statSync(path.join(root, ".next/BUILD_ID")).mtimeMs;
  const listed = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "app", "lib", "components", "inngest", "proxy.ts", "next.config.ts", "package.json", "prisma/schema.prisma"], { cwd: root, encoding: "utf8" });
  if (listed.status !== 0) return true; // not a git checkout: trust the build
  return listed.stdout.split("\n").filter(Boolean).every((file) => {
    try {
      return statSync(path.join(root, file)).mtimeMs <= built;
    } catch {
      return true; // deleted in the work tree
    }
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet = false): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: quiet ? "pipe" : "inherit", encoding: "utf8" });
  if (result.status !== 0) {
    if (quiet) console.log(`${result.stdout}\n${result.stderr}`);
    throw new Error(`${command} ${args.join(" ")} failed (${result.status})`);
  }
}

async function main() {
  const onlyArg = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : null;
  const selected = SCENARIOS.filter(([n, name]) => !onlyArg || onlyArg.includes(n) || onlyArg.includes(name));
  const began = Date.now();

  for (const [what, port] of [["app", ports.app], ["executor", ports.executor], ["postgres", ports.postgres]] as const) {
    if (what !== "postgres" && (await portAnswers(port))) throw new Error(`port ${port} (${what}) is in use: another resilience run, or set RESILIENCE_PORT / RESILIENCE_EXECUTOR_PORT`);
  }
  if (buildIsCurrent()) console.log("[resilience] reusing the production build in .next");
  else {
    console.log("[resilience] no current production build: building");
    run("npx", ["next", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  }

  const resend = new ProviderStandIn("resend");
  const twilio = new ProviderStandIn("twilio");
  await resend.start();
  await twilio.start();
  const db = new Database();
  console.log(`[resilience] PostgreSQL on ${ports.postgres} (owned by the suite), app on ${ports.app}, executor on ${ports.executor}`);
  await db.fresh();

  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("npm_")));
  const env: NodeJS.ProcessEnv = {
    ...(inherited as NodeJS.ProcessEnv),
    DATABASE_URL: db.url,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(ports.app),
    APP_URL: base,
    LOCAL_EXECUTOR_PORT: String(ports.executor),
    AUTH_PROVIDER: "local",
    LOG_LEVEL: "warn",
    API_RATE_LIMIT_PER_MINUTE: "100000000",
    PUBLIC_REGISTRATIONS_PER_MINUTE: "100000",
    TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_BASE_URL: twilio.url,
    TWILIO_FROM_NUMBER: "+15005550006",
    RESEND_API_KEY: "re_resilience_0000000000",
    RESEND_BASE_URL: resend.url,
    CLERK_WEBHOOK_SIGNING_SECRET: SECRETS.clerk,
    RESEND_WEBHOOK_SECRET: SECRETS.resend,
    SHOPIFY_WEBHOOK_SECRET: SECRETS.shopify,
    METRICS_TOKEN,
  };
  for (const name of ["EMBEDDED_PG_PORT", "EMBEDDED_PG_DIR", "EMBEDDED_DATABASE", "INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "SEED_API_KEY", "NODE_ENV"]) delete env[name];

  // Schema and demo data before the first start (the launcher seeds only the embedded database): the seed's demo
  // organization, its event with a keynote and concierge number, and an API key with the suite's secret.
  const tsNode = ["--import", "./scripts/server-only-shim.mjs", "--import", "tsx"];
  run(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], env, true);
  run(process.execPath, [...tsNode, "prisma/seed.ts", "--demo"], { ...env, SEED_API_KEY: API_KEY }, true);
  console.log("[resilience] migrated and seeded (demo organization, event, concierge number, API key)");

  const app = new App(env);
  const ctx: Context = { db, app, resend, twilio, apiKey: API_KEY, twilioToken: TWILIO_TOKEN, conciergeNumber: DEMO_NUMBER, secrets: SECRETS, metricsToken: METRICS_TOKEN };
  let crashed: unknown = null;
  try {
    const startMs = await app.start();
    console.log(`[resilience] server ready in ${(startMs / 1000).toFixed(1)} s`);
    for (const [n, name, scenario] of selected) {
      setScenario(`${n} ${name}`);
      console.log(`\n[resilience] scenario ${n}: ${name}`);
      const t = Date.now();
      try {
        await scenario(ctx);
      } catch (error) {
        checks.push({ scenario: `${n} ${name}`, name: "scenario ran to the end", ok: false, detail: error instanceof Error ? error.message : String(error) });
        console.log(`  ✗ scenario aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        const launcher = app.launcher;
        console.log(`  server state: launcher ${launcher ? `pid ${launcher.pid}, exit ${launcher.exitCode ?? "-"} ${launcher.signalCode ?? ""}` : "none"}; next ${ctx.app.nextPid() ?? "none"}; executor ${ctx.app.executorPid() ?? "none"}; database ${db.handle ? "up" : "down"}`);
        const ready = await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(async (r) => `${r.status} ${(await r.text()).slice(0, 300)}`, (e: unknown) => String(e));
        console.log(`  ready: ${ready}`);
        if (!app.launcher || app.launcher.exitCode !== null || !ctx.app.nextPid()) {
          console.log("  the server is down; restarting it for the next scenario");
          await app.stop().catch(() => {});
          if (!db.handle) await db.start();
          await app.start();
        }
      }
      console.log(`  (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    }
  } catch (error) {
    crashed = error;
  } finally {
    await app.stop();
    await db.pool.end().catch(() => {});
    await db.stop().catch(() => {});
    await resend.stop();
    await twilio.stop();
  }

  const failed = checks.filter((c) => !c.ok);
  if (crashed) console.log(`\n[resilience] the suite could not run: ${crashed instanceof Error ? crashed.message : JSON.stringify(crashed)}`);
  if (failed.length || crashed) console.log(`\nserver log tail (${path.relative(root, app.logFile)}):\n${app.tail(60)}`);
  console.log(`\n[resilience] ${checks.length - failed.length} checks passed, ${failed.length} failed, in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  for (const c of failed) console.log(`  ✗ [${c.scenario}] ${c.name}${c.detail ? ` — ${c.detail}` : ""}`);
  counts("[resilience] server starts", { count: app.starts });
  process.exit(failed.length || crashed || checks.length === 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`[resilience] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
