import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_LOG_FILE, METRICS_TOKEN, OTEL_SERVICE_NAME, OTLP_PORT, PUBLIC_REGISTRATIONS_PER_MINUTE } from "./e2e/settings";

/**
 * End-to-end journeys in Chromium against the production build (`npm run build` first; `npm run test:e2e` does both)
 * served by the launcher on its own embedded PostgreSQL, so e2e data never mixes with development data.
 * Browser: CHROMIUM_PATH, else Debian's /usr/bin/chromium when present, else Playwright's own download.
 * The server logs at info into E2E_LOG_FILE (not the console: one line per request), which the global teardown scans
 * for secrets and personal data; its stderr (Next.js's own errors) still shows here.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  // A fresh list of the secrets journeys create, and an OTLP/HTTP stand-in the e2e server exports its traces to
  // (e2e/observability.spec.ts); afterwards the server's log is scanned for secrets and personal data.
  globalSetup: ["./e2e/global-setup.ts", "./e2e/otlp-stand-in.ts"],
  globalTeardown: "./e2e/global-teardown.ts",
  // One journey at a time. The server (two web workers, the executor, PostgreSQL), the test runner and Chromium share
  // the CI machine's two cores; with two journeys (two browsers) at once the machine was saturated: /api/health took
  // up to 3 s, a server action 11 s, a transaction sat 4 s waiting for its worker, and journeys that pass alone failed
  // in 2 of 3 full runs (docs/decisions.md #100). An assertion waits up to 15 s for the page to get there (argon2
  // sign-ups alone take seconds when busy), and a journey has 60 s (slow ones three times that).
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    // A failed journey keeps its trace (DOM snapshots, network, console) but not the screencast: recording frames of
    // every journey, passed or not, cost a quarter to a third of a journey's CPU (decision 100).
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: "node --import ./scripts/server-only-shim.mjs --import tsx scripts/launch.ts start",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      EMBEDDED_PG_DIR: process.env.E2E_PG_DIR ?? ".data/e2e-postgres",
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54331",
      LOCAL_EXECUTOR_PORT: process.env.E2E_EXECUTOR_PORT ?? "8291",
      APP_URL: `http://localhost:${port}`,
      LOG_LEVEL: "info",
      LOG_FILE: E2E_LOG_FILE,
      // Two Next.js workers behind the port, whatever the machine's cores: every journey runs against the cluster.
      WEB_CONCURRENCY: "2",
      // Stated explicitly so the rate-limit journey knows it (e2e/settings.ts).
      PUBLIC_REGISTRATIONS_PER_MINUTE,
      METRICS_TOKEN,
      // Tracing on, as a deployment with a collector has it; batches flushed often so the journey need not wait.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${OTLP_PORT}`,
      OTEL_SERVICE_NAME,
      OTEL_BSP_SCHEDULE_DELAY: "1000",
    },
  },
});
