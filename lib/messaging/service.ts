import "server-only";
import { AppError } from "@/lib/api/errors";
import { createOnce, DeliveryError, handOff } from "@/lib/delivery";
import { db } from "@/lib/db";
import { env, modes } from "@/lib/env";
import { type OutboundMessage } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
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

/** Records a message (`queued`) and asks the job system to deliver it; the same key returns the first row. */
export async function queueMessage(
  input: QueueInput,
  send: (messageId: string) => Promise<unknown> = (messageId) => sendEvent(messageRequested, { messageId }, { id: `message-${messageId}` }),
): Promise<OutboundMessage> {
  if (!/^\+[1-9]\d{6,14}$/.test(input.to)) throw new AppError("invalid_phone", 422, "The recipient must be an E.164 phone number like +14155550100.");
  const { row: message, created } = await createOnce(
    () => db.outboundMessage.findUnique({ where: { idempotencyKey: input.idempotencyKey } }),
    () =>
      db.outboundMessage.create({
        data: {
          id: newId("msg"),
          organizationId: input.organizationId ?? null,
          channel: input.channel,
          to: input.to,
          from: input.from ?? null,
          body: input.body,
          idempotencyKey: input.idempotencyKey,
        },
      }),
  );
  if (!created) return message;
  await handOff("message", message.id, send);
  return message;
}

/** Delivers one queued message; anything not `queued` is left alone, so retries and replays never send twice. */
export async function deliverMessage(messageId: string, idempotencyKey: string, transport: MessageTransport = configuredTransport()): Promise<OutboundMessage> {
  const message = await db.outboundMessage.findUnique({ where: { id: messageId } });
  if (!message) throw new AppError("message_not_found", 404, `Message ${messageId} does not exist.`);
  if (message.status !== "queued") return message;
  if (transport.kind === "captured") {
    return db.outboundMessage.update({ where: { id: messageId }, data: { status: "captured", attempts: { increment: 1 }, sentAt: new Date() } });
  }
  const from = message.from ?? transport.from[message.channel];
  if (!from) {
    throw new DeliveryError({ kind: "permanent", message: `No sender number configured for ${message.channel} (TWILIO_FROM_NUMBER / TWILIO_WHATSAPP_FROM).` });
  }
  const result = await sendWithTwilio(transport.config, { channel: message.channel, to: message.to, from, body: message.body }, idempotencyKey);
  if (result.kind === "sent") {
    return db.outboundMessage.update({
      where: { id: messageId },
      data: { status: "sent", providerId: result.providerId, from, attempts: { increment: 1 }, sentAt: new Date(), lastError: null },
    });
  }
  await db.outboundMessage.update({ where: { id: messageId }, data: { attempts: { increment: 1 }, lastError: result.message } });
  throw new DeliveryError(result);
}

export async function markMessageFailed(messageId: string, reason: string): Promise<void> {
  await db.outboundMessage.updateMany({ where: { id: messageId, status: "queued" }, data: { status: "failed", lastError: reason } });
}
