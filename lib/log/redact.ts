/**
 * Scrubs personal data and secrets out of anything that is about to be logged.
 * Keys that name a secret, and message content, are replaced whole; every other string is searched for emails, phone
 * numbers and tokens.
 */

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|signature|session/i;
/** Message content (email bodies, SMS text) is personal whatever it contains. */
const PII_KEY = /^(body|text|html)$/i;

const PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  [/\b(evl|sk|pk|whsec|re|signkey|rk)_[A-Za-z0-9_-]{6,}/g, "$1_[redacted]"],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[jwt]"],
  // Also URL-encoded, as in a logged query string (?email=ada%40example.com).
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi, "[email]"],
  [/(?:\+|%2B)\d(?:[\d\s().-]|%20){6,}\d/gi, "[phone]"],
  // Random tokens (session cookies, ticket and invitation links, base64 payloads): 32+ URL-safe characters mixing
  // upper case, lower case and digits. Ids stay readable: request ids and hashes (lower-case hex), prefixed ids (ours,
  // evt_…; Clerk's user_…/org_…) and Twilio SIDs (SM + 32 hex).
  [/(?<![A-Za-z0-9_-])(?![a-z]{2,8}_[A-Za-z0-9]+(?![A-Za-z0-9_-]))(?![A-Z]{2}[0-9a-f]{32}(?![A-Za-z0-9_-]))(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g, "[token]"],
];

export function scrubString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubString(value.message), stack: value.stack && scrubString(value.stack) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && item != null && item !== "") out[key] = "[redacted]";
    else if (PII_KEY.test(key) && typeof item === "string") out[key] = "[redacted]";
    else out[key] = redact(item, depth + 1);
  }
  return out;
}
