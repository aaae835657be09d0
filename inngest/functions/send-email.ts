import { type Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { toJobError } from "@/lib/delivery";
import { emailRequested } from "@/inngest/events";
import { deliverEmail, markEmailFailed, type EmailTransport } from "@/lib/email/service";

/**
 * Delivers a queued email. Throttled to Resend's 5 requests/s; a 429 waits for Resend's `retry-after`; 5xx and
 * network errors retry with backoff; other 4xx fail at once. After the last attempt the email ends `failed`.
 * The Idempotency-Key is per email (not per run), so even a manual re-run cannot send it twice within Resend's 24 h.
 */
export function createSendEmail(client: Inngest, transport?: () => EmailTransport) {
  return client.createFunction(
    {
      id: "send-email",
      name: "Send email",
      retries: 5,
      throttle: { limit: 5, period: "1s" },
      triggers: [emailRequested],
      onFailure: async ({ event, error }) => {
        const emailId = (event.data.event.data as { emailId?: string }).emailId;
        if (emailId) await markEmailFailed(emailId, error.message);
      },
    },
    async ({ event, step }) =>
      step.run("deliver", async () => {
        try {
          const email = await deliverEmail(event.data.emailId, `email-${event.data.emailId}`, transport?.());
          return { status: email.status, providerId: email.providerId };
        } catch (error) {
          throw toJobError(error);
        }
      }),
  );
}

export const sendEmail = createSendEmail(inngest);
