import { inngest } from "@/inngest/client";
import { purgeWebhookPayloads, sweepWebhooks } from "@/lib/webhooks/sweep";

/** Every minute: webhooks whose processing never started are announced again (lib/webhooks/sweep.ts). */
export const sweepWebhooksFn = inngest.createFunction(
  { id: "sweep-webhooks", name: "Sweep the webhook inbox", retries: 1, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => step.run("sweep", () => sweepWebhooks()),
);

/** Hourly: raw webhook payloads older than WEBHOOK_RETENTION_DAYS are removed; the rows and outcomes stay. */
export const purgeWebhookPayloadsFn = inngest.createFunction(
  { id: "purge-webhook-payloads", name: "Purge old webhook payloads", retries: 1, triggers: [{ cron: "17 * * * *" }] },
  async ({ step }) => step.run("purge", () => purgeWebhookPayloads()),
);
