import "server-only";
import pino from "pino";
import { appVersion, env } from "@/lib/env";
import { redact, scrubString } from "./redact";

/**
 * Structured JSON logs on stdout. Every record passes through `redact`, so secrets, emails and phone numbers never
 * reach the log stream whatever a caller passes in.
 */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "eventline", version: appVersion },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
    log: (object) => redact(object) as Record<string, unknown>,
  },
  hooks: {
    logMethod(args, method) {
      const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubString(arg) : arg)) as Parameters<typeof method>;
      method.apply(this, scrubbed);
    },
  },
});

export type Logger = pino.Logger;

export function loggerFor(requestId: string | null | undefined): Logger {
  return requestId ? logger.child({ requestId }) : logger;
}
