import { NonRetriableError, type Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { webhookReceived } from "@/inngest/events";
import { deliverNowOrHandOff, type MessageTransport } from "@/lib/messaging/service";
import { processWebhookEvent, WebhookFailed } from "@/lib/webhooks/process";

/**
 * Processes one stored webhook (lib/webhooks/process.ts). Retried with backoff on failure; a body that cannot be read
 * fails at once (NonRetriableError). The event id is the webhook event's id, so a duplicate send starts no second run;
 * a replay is a new event with its own id (lib/webhooks/service.ts).
 *
 * Replies the processing queued (the concierge's) are delivered in the same run, right after it, rather than by a
 * send-message run each (or a second step): one request from the job backend per inbound message. Each reply is
 * claimed before it is sent (lib/messaging/service.ts), so a retry, the outbox sweeper and this run never send one
 * twice; a reply the provider
 * does not take at once goes to send-message with its own retries. A crash after the processing committed and before
 * the replies went out leaves them `queued`; the retry finds the webhook processed, and the outbox sweeper hands those
 * replies to send-message after two minutes (docs/decisions.md #76).
 */
export function createProcessWebhook(client: Inngest, options: { transport?: () => MessageTransport; handOff?: (messageId: string) => Promise<unknown> } = {}) {
  return client.createFunction(
    // Someone may be waiting for the answer (a WhatsApp reply): ahead of bulk work such as an import's emails.
    { id: "process-webhook", name: "Process a provider webhook", retries: 4, triggers: [webhookReceived], priority: { run: "60" } },
    // No step.run: the function is its one step. A step would add a checkpoint request (and a write) per message
    // and save nothing, since nothing follows it to memoize for; a retry re-runs the body, which is idempotent.
    async ({ event, runId }) => {
      let outcome;
      try {
        // The run id lets a retry of this run (after a crash mid-way) take the delivery back at once.
        outcome = await processWebhookEvent(event.data.webhookEventId, { deferMessages: true, claimant: runId });
      } catch (error) {
        if (error instanceof WebhookFailed && !error.retriable) throw new NonRetriableError(error.message);
        throw error;
      }
      const messages = "messages" in outcome ? outcome.messages : undefined;
      if (!messages?.length) return outcome;
      const replies = await deliverNowOrHandOff(messages, options.transport?.(), options.handOff);
      return { ...outcome, replies };
    },
  );
}

export const processWebhook = createProcessWebhook(inngest);
