/** Settings the e2e server is started with (playwright.config.ts) that journeys need to know. */

/**
 * The public registration form's per-address limit on the e2e server (the app's default). Browsers of every journey
 * reach the server from 127.0.0.1 and share that address's bucket, so it must not be small.
 */
export const PUBLIC_REGISTRATIONS_PER_MINUTE = "20";

/** Bearer token for /api/metrics on the e2e server. */
export const METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef";

/**
 * Port of the OTLP/HTTP stand-in (e2e/otlp-stand-in.ts) the e2e server exports its traces to, and the service name it
 * reports. The stand-in answers `GET /received` with what it was sent. Not next to E2E_EXECUTOR_PORT: the launcher
 * takes that port + 1 for its jobs worker.
 */
export const OTLP_PORT = Number(process.env.E2E_OTLP_PORT ?? 4328);
export const OTEL_SERVICE_NAME = "eventline-e2e";

/**
 * The e2e server's log (everything the launcher, Next.js and the local executor print, at LOG_LEVEL=info) and the
 * secrets journeys create (API keys, session cookies), one per line; e2e/global-teardown.ts fails the run if any
 * secret, email address or phone number shows up in the log. Per port, so parallel runs on one machine do not mix.
 */
const port = process.env.E2E_PORT ?? "3100";
export const E2E_LOG_FILE = `.data/e2e-logs/server-${port}.log`;
export const E2E_SECRETS_FILE = `.data/e2e-logs/secrets-${port}.txt`;
