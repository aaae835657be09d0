import { type Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { toJobError } from "@/lib/delivery";
import { messageRequested } from "@/inngest/events";
import { deliverMessage, markMessageFailed, type MessageTransport } from "@/lib/messaging/service";

/** Delivers a queued SMS/WhatsApp message; same retry rules as email. After the last attempt it ends `failed`. */
export function createSendMessage(client: Inngest, transport?: () => MessageTransport) {
  return client.createFunction(
    {
      id: "send-message",
      name: "Send SMS/WhatsApp message",
      retries: 5,
      triggers: [messageRequested],
      onFailure: async ({ event, error }) => {
        const messageId = (event.data.event.data as { messageId?: string }).messageId;
        if (messageId) await markMessageFailed(messageId, error.message);
      },
    },
    async ({ event, step }) =>
      step.run("deliver", async () => {
        try {
          const message = await deliverMessage(event.data.messageId, `message-${event.data.messageId}`, transport?.());
          return { status: message.status, providerId: message.providerId };
        } catch (error) {
          throw toJobError(error);
        }
      }),
  );
}

export const sendMessage = createSendMessage(inngest);
