import "server-only";
import { ZodError } from "zod";
import { handleInboundMessage } from "@/lib/concierge/inbound";
import { UnreadablePayload, type WebhookHandler } from "../handler";

/**
 * An inbound SMS or WhatsApp message → the concierge (lib/concierge/inbound.ts), which stores it once per MessageSid,
 * answers and queues the replies with keys derived from the MessageSid: processing it again (a retry, a replay) sends
 * nothing twice. A message to an unmapped number is stored and flagged there, with no reply and no organization.
 * With `deferMessages` the replies are queued but not handed to the send-message job: they are returned for the
 * process-webhook job to deliver right after processing.
 */
export const twilioMessage: WebhookHandler = async (event, { deferMessages }) => {
  const params = new URLSearchParams(event.rawBody);
  const messageSid = params.get("MessageSid") ?? params.get("SmsMessageSid");
  const from = params.get("From");
  const to = params.get("To");
  if (!messageSid || !from || !to) throw new UnreadablePayload("The message has no MessageSid, From or To.");
  let outcome;
  try {
    outcome = await handleInboundMessage({
      messageSid,
      from,
      to,
      body: params.get("Body") ?? "",
      channel: from.startsWith("whatsapp:") ? "whatsapp" : "sms",
      receivedAt: event.receivedAt,
    }, deferMessages ? { send: () => Promise.resolve() } : {});
  } catch (error) {
    if (error instanceof ZodError) throw new UnreadablePayload(`The message is not one the concierge can read: ${error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    throw error;
  }
  return {
    status: "processed",
    organizationId: outcome.organizationId,
    note: outcome.status,
    ...(deferMessages && outcome.replyMessageIds.length ? { messages: outcome.replyMessageIds } : {}),
  };
};
