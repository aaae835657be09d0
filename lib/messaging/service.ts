import "server-only";
import { AppError } from "@/lib/api/errors";
import { createOnce, DeliveryError, handOff, type DeliveryResult } from "@/lib/delivery";
import { db } from "@/lib/db";
import { env, modes } from "@/lib/env";
import { type MessageChannel, type OutboundMessage } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { conversationOptedOut } from "@/lib/concierge/opt-out";
import { messageRequested } from "@/inngest/events";
import { sendEvent } from "@/inngest/send";
import { sendWithTwilio, type TwilioConfig } from "./twilio-adapter";

/** Where messages go: Twilio when configured, otherwise captured in the conversation log. */
export type MessageTransport = { kind: "captured" } | { kind: "twilio"; config: TwilioConfig; from: { sms?: string; whatsapp?: string } };

export function configuredTransport(): MessageTransport {
  return modes.messaging === "twilio" && env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
    ? {
        kind: "twilio",
        config: { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, baseUrl: env.TWILIO_BASE_URL },
        from: { sms: env.TWILIO_FROM_NUMBER, whatsapp: env.TWILIO_WHATSAPP_FROM },
      }
    : { kind: "captured" };
}

type QueueInput = {
  organizationId?: string | null;
  channel: "sms" | "whatsapp";
  to: string;
  /** Our number the conversation runs on; defaults to the configured sender. */
  from?: string | null;
  body: string;
  idempotencyKey: string;
};

/** Hands a queued message to the send-message job; the event id is the message's, so it starts one run at most. */
const requestDelivery = (messageId: string) => sendEvent(messageRequested, { messageId }, { id: `message-${messageId}` });

/** Records a message (`queued`) and asks the job system to deliver it; the same key returns the first row. */
export async function queueMessage(input: QueueInput, send: (messageId: string) => Promise<unknown> = requestDelivery): Promise<OutboundMessage> {
  // Twilio's webhooks say `whatsapp:+…`; rows keep the bare E.164 number and the adapter adds the prefix back.
  const to = input.to.replace(/^whatsapp:/, "");
  const from = input.from?.replace(/^whatsapp:/, "") ?? null;
  if (!/^\+[1-9]\d{6,14}$/.test(to)) throw new AppError("invalid_phone", 422, "The recipient must be an E.164 phone number like +14155550100.");
  const { row: message, created } = await createOnce(
    () => db.outboundMessage.findUnique({ where: { idempotencyKey: input.idempotencyKey } }),
    () =>
      db.outboundMessage.create({
        data: {
          id: newId("msg"),
          organizationId: input.organizationId ?? null,
          channel: input.channel,
          to,
          from,
          body: input.body,
          idempotencyKey: input.idempotencyKey,
        },
      }),
  );
  if (!created) return message;
  await handOff("message", message.id, send);
  return message;
}

/**
 * The opt-out hook, asked before anything is sent (captured mode included). The default asks the concierge's
 * conversations (STOP sets `optedOut`, START clears it; lib/concierge/opt-out.ts). An opted-out recipient's
 * message ends `failed` with lastError `opted_out: …` and is never retried. `noOptOut` is for tests of the channel.
 */
export type OptOutCheck = (recipient: { organizationId: string | null; channel: MessageChannel; to: string }) => Promise<boolean>;
export const noOptOut: OptOutCheck = () => Promise.resolve(false);

/**
 * Delivers one queued message; anything not `queued` is left alone, so retries and replays never send twice.
 * Throws `DeliveryError` (rate-limited / retriable / permanent) for the job to map to Inngest's retry semantics.
 */
export async function deliverMessage(
  messageId: string,
  idempotencyKey: string,
  transport: MessageTransport = configuredTransport(),
  optedOut: OptOutCheck = conversationOptedOut,
): Promise<OutboundMessage> {
  const message = await db.outboundMessage.findUnique({ where: { id: messageId } });
  if (!message) throw new AppError("message_not_found", 404, `Message ${messageId} does not exist.`);
  if (message.status !== "queued") return message;
  if (await optedOut({ organizationId: message.organizationId, channel: message.channel, to: message.to })) {
    return db.outboundMessage.update({ where: { id: messageId }, data: { status: "failed", lastError: "opted_out: the recipient opted out of this channel" } });
  }
  if (transport.kind === "captured") {
    return db.outboundMessage.update({ where: { id: messageId }, data: { status: "captured", attempts: { increment: 1 }, sentAt: new Date() } });
  }
  const from = message.from ?? transport.from[message.channel];
  const result: DeliveryResult = from
    ? await sendWithTwilio(transport.config, { channel: message.channel, to: message.to, from, body: message.body }, idempotencyKey)
    : { kind: "permanent", message: `No sender number configured for ${message.channel} (TWILIO_FROM_NUMBER / TWILIO_WHATSAPP_FROM).` };
  if (result.kind === "sent") {
    return db.outboundMessage.update({
      where: { id: messageId },
      data: { status: "sent", providerId: result.providerId, from, attempts: { increment: 1 }, sentAt: new Date(), lastError: null },
    });
  }
  // A permanent error ends the message here; one that exhausts the retries ends it in the job's onFailure.
  await db.outboundMessage.update({
    where: { id: messageId },
    data: { attempts: { increment: 1 }, lastError: result.message, ...(result.kind === "permanent" ? { status: "failed" as const } : {}) },
  });
  throw new DeliveryError(result);
}

export async function markMessageFailed(messageId: string, reason: string): Promise<void> {
  await db.outboundMessage.updateMany({ where: { id: messageId, status: "queued" }, data: { status: "failed", lastError: reason } });
}
