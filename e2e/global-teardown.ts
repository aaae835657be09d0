import { existsSync, readFileSync } from "node:fs";
import { E2E_LOG_FILE, E2E_SECRETS_FILE } from "./settings";

/**
 * After every journey: the server's log must hold no secret a journey created (exact values recorded by the journeys:
 * API keys, session cookies) and nothing shaped like an email address, a phone number, an API key or a JWT. These
 * patterns are written independently of lib/log/redact.ts, so a gap there shows up here. One exception: the seed's
 * start-up lines name the published demo account (docs/decisions.md #27), which is no one's personal data.
 */
const SHAPES: [string, RegExp][] = [
  ["email address", /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/i],
  ["phone number", /(?:\+|%2B)\d(?:[\d ().-]|%20){7,}/i],
  ["API key", /\bevl_[A-Za-z0-9]{8,}/],
  ["JWT", /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];
const SEED_LINE = /^\[seed\] /;

export default function globalTeardown() {
  if (!existsSync(E2E_LOG_FILE)) throw new Error(`no server log at ${E2E_LOG_FILE}: the log scan could not run`);
  const lines = readFileSync(E2E_LOG_FILE, "utf8").split("\n");
  const secrets = existsSync(E2E_SECRETS_FILE) ? readFileSync(E2E_SECRETS_FILE, "utf8").split("\n").filter((s) => s.length >= 8) : [];
  const requests = lines.filter((line) => line.includes('"msg":"request"')).length;
  if (requests === 0) throw new Error(`${E2E_LOG_FILE} has no request lines: is LOG_LEVEL info? The scan would mean nothing.`);

  const found: string[] = [];
  lines.forEach((line, index) => {
    for (const secret of secrets) if (line.includes(secret)) found.push(`line ${index + 1}: a secret a journey created (${secret.slice(0, 6)}…)`);
    if (SEED_LINE.test(line)) return;
    for (const [what, shape] of SHAPES) {
      const match = shape.exec(line);
      if (match) found.push(`line ${index + 1}: ${what} "${match[0]}" in ${line.slice(0, 300)}`);
    }
  });
  console.log(`[log scan] ${lines.length} lines (${requests} requests), ${secrets.length} recorded secrets: ${found.length === 0 ? "clean" : `${found.length} finding(s)`} (${E2E_LOG_FILE})`);
  if (found.length > 0) throw new Error(`secrets or personal data in the server log ${E2E_LOG_FILE}:\n${found.slice(0, 20).join("\n")}`);
}
