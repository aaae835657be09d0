import { NonRetriableError, type Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { webhookReceived } from "@/inngest/events";
import { processWebhookEvent, WebhookFailed } from "@/lib/webhooks/process";

/**
 * Processes one stored webhook (lib/webhooks/process.ts). Retried with backoff on failure; a body that cannot be read
 * fails at once (NonRetriableError). The event id is the webhook event's id, so a duplicate send starts no second run;
 * a replay is a new event with its own id (lib/webhooks/service.ts). Replies the processing queues are handed to the
 * send-message job (decision 76 says why they are not delivered in this run).
 */
export function createProcessWebhook(client: Inngest) {
  return client.createFunction(
    // Someone may be waiting for the answer (a WhatsApp reply): ahead of bulk work such as an import's emails.
    { id: "process-webhook", name: "Process a provider webhook", retries: 4, triggers: [webhookReceived], priority: { run: "60" } },
    async ({ event, step, runId }) =>
      step.run("process", async () => {
        try {
          // The run id lets a retry of this run (after a crash mid-step) take the delivery back at once.
          return await processWebhookEvent(event.data.webhookEventId, { claimant: runId });
        } catch (error) {
          if (error instanceof WebhookFailed && !error.retriable) throw new NonRetriableError(error.message);
          throw error;
        }
      }),
  );
}

export const processWebhook = createProcessWebhook(inngest);
