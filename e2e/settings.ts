/** Settings the e2e server is started with (playwright.config.ts) that journeys need to know. */

/**
 * The public registration form's per-address limit on the e2e server (the app's default). Browsers of every journey
 * reach the server from 127.0.0.1 and share that address's bucket, so it must not be small.
 */
export const PUBLIC_REGISTRATIONS_PER_MINUTE = "20";

/**
 * The e2e server's log (everything the launcher, Next.js and the local executor print, at LOG_LEVEL=info) and the
 * secrets journeys create (API keys, session cookies), one per line; e2e/global-teardown.ts fails the run if any
 * secret, email address or phone number shows up in the log. Per port, so parallel runs on one machine do not mix.
 */
const port = process.env.E2E_PORT ?? "3100";
export const E2E_LOG_FILE = `.data/e2e-logs/server-${port}.log`;
export const E2E_SECRETS_FILE = `.data/e2e-logs/secrets-${port}.txt`;
