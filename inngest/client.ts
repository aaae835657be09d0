import "server-only";
import { Inngest } from "inngest";
import { appVersion, env, modes } from "@/lib/env";
import { logger } from "@/lib/log";
import { JobMetrics } from "./job-metrics";

/**
 * The Inngest client. Which engine runs the functions is decided by lib/env.ts:
 *  - inngest-cloud: INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY (signed requests verified by the serve handler);
 *  - inngest-dev-server: INNGEST_DEV=1 or a URL, as Inngest documents it;
 *  - local-executor: our own executor on 127.0.0.1:LOCAL_EXECUTOR_PORT speaking the same protocol (dev mode).
 */
const localExecutorUrl = `http://127.0.0.1:${env.LOCAL_EXECUTOR_PORT}`;

export const inngest = new Inngest({
  id: "eventline",
  appVersion,
  logger: logger.child({ component: "inngest" }),
  middleware: [JobMetrics],
  ...(modes.jobs === "inngest-cloud"
    ? { eventKey: env.INNGEST_EVENT_KEY, signingKey: env.INNGEST_SIGNING_KEY, isDev: false }
    : modes.jobs === "inngest-dev-server"
      ? { isDev: true, ...(env.INNGEST_DEV && /^https?:\/\//.test(env.INNGEST_DEV) ? { baseUrl: env.INNGEST_DEV } : {}) }
      : { isDev: true, baseUrl: localExecutorUrl }),
});
