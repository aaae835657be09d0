/** Settings the e2e server is started with (playwright.config.ts) that journeys need to know. */

/**
 * The public registration form's per-address limit on the e2e server (the app's default). Browsers of every journey
 * reach the server from 127.0.0.1 and share that address's bucket, so it must not be small.
 */
export const PUBLIC_REGISTRATIONS_PER_MINUTE = "20";
