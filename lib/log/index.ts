import "server-only";
import pino, { type DestinationStream } from "pino";
import { appVersion, env } from "@/lib/env";
import { redact, scrubString } from "./redact";

/**
 * Structured JSON logs on stdout. Every record passes through `redact`, so secrets, emails and phone numbers never
 * reach the log stream whatever a caller passes in.
 */
export function createLogger(destination?: DestinationStream): pino.Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: "eventline", version: appVersion },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // logger.error(err): pino would print err.message as the line's msg, unscrubbed; log it as { err } instead.
          const [first, ...rest] = args as unknown[];
          const normalized = first instanceof Error ? [{ err: first }, ...(rest.length > 0 ? rest : [first.message])] : (args as unknown[]);
          const scrubbed = normalized.map((arg) => (typeof arg === "string" ? scrubString(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = pino.Logger;

export function loggerFor(requestId: string | null | undefined): Logger {
  return requestId ? logger.child({ requestId }) : logger;
}
