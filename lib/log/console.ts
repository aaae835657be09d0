import { format } from "node:util";
import { scrubString } from "./redact";

const PATCHED = Symbol.for("eventline.console-scrubbed");
const LEVELS = ["log", "info", "warn", "error", "debug", "trace"] as const;

/**
 * What does not go through our logger still reaches the same stream: Next.js prints render and server-action errors
 * with console.error (their messages can echo input), SDKs print warnings. Each console call is formatted as Node
 * would format it and then scrubbed like any log string (emails, phone numbers, tokens, keys). Once per process
 * (instrumentation.ts).
 */
export function scrubConsole(target: Console = console): void {
  const flagged = target as Console & { [PATCHED]?: true };
  if (flagged[PATCHED]) return;
  for (const level of LEVELS) {
    const original = target[level].bind(target);
    target[level] = (...args: unknown[]) => original(scrubString(format(...args)));
  }
  flagged[PATCHED] = true;
}
