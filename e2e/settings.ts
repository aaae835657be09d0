/** Settings the e2e server is started with (playwright.config.ts) that journeys need to know. */

/** The public registration form's per-address limit on the e2e server: small, so the rate-limit journey is quick. */
export const PUBLIC_REGISTRATIONS_PER_MINUTE = "5";
