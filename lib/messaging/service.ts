import "server-only";
import { AppError } from "@/lib/api/errors";
import { DeliveryError, handOff, type DeliveryResult } from "@/lib/delivery";
import { db } from "@/lib/db";
import { env, modes } from "@/lib/env";
import { Prisma, type MessageChannel, type OutboundMessage } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { optedOutSql } from "@/lib/concierge/opt-out";
import { messageRequested } from "@/inngest/events";
import { sendEvents } from "@/inngest/send";
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
export const requestMessageDelivery = (messageId: string) => requestMessageDeliveries([messageId]);

/** The same for several messages, in as few requests as it takes (the outbox sweeper hands over a backlog this way). */
export const requestMessageDeliveries = (messageIds: readonly string[]) => sendEvents(messageRequested, messageIds.map((messageId) => ({ data: { messageId }, id: `message-${messageId}` })));

/** A message to queue, normalized: bare E.164 numbers (Twilio's webhooks say `whatsapp:+…`; the adapter adds it back). */
export type NewMessage = { id: string; organizationId: string | null; channel: "sms" | "whatsapp"; to: string; from: string | null; body: string; idempotencyKey: string };

export function newMessage(input: QueueInput): NewMessage {
  const to = input.to.replace(/^whatsapp:/, "");
  if (!/^\+[1-9]\d{6,14}$/.test(to)) throw new AppError("invalid_phone", 422, "The recipient must be an E.164 phone number like +14155550100.");
  return {
    id: newId("msg"),
    organizationId: input.organizationId ?? null,
    channel: input.channel,
    to,
    from: input.from?.replace(/^whatsapp:/, "") ?? null,
    body: input.body,
    idempotencyKey: input.idempotencyKey,
  };
}

/**
 * The one way messages are queued, as a CTE `name` for a larger statement (the concierge queues its replies in the
 * statement that commits its decision): inserts `rows` as `queued` when `guard` holds, skipping keys queued before (a
 * repeated key is a retry), and returns the inserted rows.
 */
export function queueMessagesCte(name: string, rows: NewMessage[], guard: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  const column = <K extends keyof NewMessage>(key: K) => rows.map((row) => row[key]);
  return Prisma.sql`${Prisma.raw(name)} AS (
    INSERT INTO outbound_messages (id, "organizationId", channel, "to", "from", body, "idempotencyKey", "updatedAt")
    SELECT r.id, r."organizationId", r.channel::"MessageChannel", r."to", r."from", r.body, r."idempotencyKey", now()
    FROM unnest(${column("id")}::text[], ${column("organizationId")}::text[], ${column("channel")}::text[], ${column("to")}::text[],
                ${column("from")}::text[], ${column("body")}::text[], ${column("idempotencyKey")}::text[])
      AS r(id, "organizationId", channel, "to", "from", body, "idempotencyKey")
    WHERE ${guard}
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING *)`;
}

/** Records a message (`queued`) and asks the job system to deliver it; the same key returns the first row. */
export async function queueMessage(input: QueueInput, send: (messageId: string) => Promise<unknown> = requestMessageDelivery): Promise<OutboundMessage> {
  const [queued] = await db.$queryRaw<OutboundMessage[]>`WITH ${queueMessagesCte("queued", [newMessage(input)])} SELECT * FROM queued`;
  if (!queued) return db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
  await handOff("message", queued.id, send);
  return queued;
}

/**
 * The opt-out hook, asked before anything is sent (captured mode included). By default the concierge's rule (STOP
 * sets a conversation's `optedOut`, START clears it; lib/concierge/opt-out.ts) is asked in the statement that claims
 * the message. An opted-out recipient's message ends `failed` with lastError `opted_out: …` and is never retried.
 * `noOptOut` is for tests of the channel.
 */
export type OptOutCheck = (recipient: { organizationId: string | null; channel: MessageChannel; to: string }) => Promise<boolean>;
export const noOptOut: OptOutCheck = () => Promise.resolve(false);

/**
 * How long a delivery attempt owns a message. Longer than one attempt can take (Twilio's call times out after 15 s), so
 * a claim this old belongs to an attempt whose process died mid-way, and another attempt may take the message.
 */
export const MESSAGE_CLAIM_MS = 30_000;

/**
 * Takes a queued message for one delivery attempt, atomically: of two deliverers racing (a job step retried while its
 * first attempt still runs, the process-webhook run and a send-message run the sweeper started), one gets the row.
 */
async function claimMessage(messageId: string, askOptOut: boolean): Promise<(OutboundMessage & { recipientOptedOut: boolean }) | null> {
  const optedOut = askOptOut ? optedOutSql(Prisma.sql`m."to"`, Prisma.sql`m.channel`, Prisma.sql`m."organizationId"`) : Prisma.sql`false`;
  const rows = await db.$queryRaw<(OutboundMessage & { recipientOptedOut: boolean })[]>`
    UPDATE outbound_messages m SET "claimedAt" = now()
    WHERE id = ${messageId} AND status = 'queued'
      AND ("claimedAt" IS NULL OR "claimedAt" < now() - ${MESSAGE_CLAIM_MS} * interval '1 millisecond')
    RETURNING m.*, ${optedOut} AS "recipientOptedOut"`;
  return rows[0] ?? null;
}

/** Ends a claimed message's attempt: one UPDATE, the row as it is now. */
async function settle(messageId: string, set: Prisma.Sql): Promise<OutboundMessage> {
  const [row] = await db.$queryRaw<OutboundMessage[]>`UPDATE outbound_messages SET ${set}, "updatedAt" = now() WHERE id = ${messageId} RETURNING *`;
  return row!;
}

/** The rest of a live claim, in whole seconds (at least 1): when another attempt may look again. */
const claimLeft = (claimedAt: Date | null) => Math.max(1, Math.ceil(((claimedAt?.getTime() ?? 0) + MESSAGE_CLAIM_MS - Date.now()) / 1000));

/**
 * Delivers one queued message; anything not `queued` is left alone, so retries and replays never send twice. The
 * message is claimed first (above); one another attempt holds answers `rate-limited` until that claim runs out, so the
 * job looks again when the other attempt has finished or is known dead.
 * Throws `DeliveryError` (rate-limited / retriable / permanent) for the job to map to Inngest's retry semantics.
 */
export async function deliverMessage(
  messageId: string,
  idempotencyKey: string,
  transport: MessageTransport = configuredTransport(),
  optedOut?: OptOutCheck,
): Promise<OutboundMessage> {
  const claimed = await claimMessage(messageId, !optedOut);
  if (!claimed) {
    const current = await db.outboundMessage.findUnique({ where: { id: messageId } });
    if (!current) throw new AppError("message_not_found", 404, `Message ${messageId} does not exist.`);
    if (current.status !== "queued") return current;
    throw new DeliveryError({ kind: "rate-limited", retryAfterSeconds: claimLeft(current.claimedAt), message: "Another attempt is delivering this message." });
  }
  const { recipientOptedOut, ...message } = claimed;
  if (optedOut ? await optedOut({ organizationId: message.organizationId, channel: message.channel, to: message.to }) : recipientOptedOut) {
    return settle(messageId, Prisma.sql`status = 'failed', "lastError" = 'opted_out: the recipient opted out of this channel'`);
  }
  if (transport.kind === "captured") return settle(messageId, Prisma.sql`status = 'captured', attempts = attempts + 1, "sentAt" = now()`);
  const from = message.from ?? transport.from[message.channel];
  const result: DeliveryResult = from
    ? await sendWithTwilio(transport.config, { channel: message.channel, to: message.to, from, body: message.body }, idempotencyKey)
    : { kind: "permanent", message: `No sender number configured for ${message.channel} (TWILIO_FROM_NUMBER / TWILIO_WHATSAPP_FROM).` };
  if (result.kind === "sent") {
    return settle(messageId, Prisma.sql`status = 'sent', "providerId" = ${result.providerId}, "from" = ${from}, attempts = attempts + 1, "sentAt" = now(), "lastError" = NULL`);
  }
  // A permanent error ends the message here; one that exhausts the retries ends it in the job's onFailure. A retriable
  // one gives the claim back, so the next attempt need not wait for it to run out.
  await db.outboundMessage.update({
    where: { id: messageId },
    data: { attempts: { increment: 1 }, lastError: result.message, claimedAt: null, ...(result.kind === "permanent" ? { status: "failed" as const } : {}) },
  });
  throw new DeliveryError(result);
}

/**
 * Delivers messages a job queued without handing off (the concierge's replies, from the process-webhook job): one
 * attempt each, now. A message that is not delivered at once — the provider failed or limited us, or another attempt
 * holds it — goes to the send-message job as if it had been handed off when queued, with its retries, backoff and
 * failure handling (its event id is the message's, so it starts one run at most). A permanent failure has already
 * ended the message. Never throws for a delivery: the caller's step is done either way.
 */
export async function deliverNowOrHandOff(
  messageIds: string[],
  transport?: MessageTransport,
  send: (messageId: string) => Promise<unknown> = requestMessageDelivery,
): Promise<{ delivered: number; handedOff: number; failed: number }> {
  const outcome = { delivered: 0, handedOff: 0, failed: 0 };
  for (const id of messageIds) {
    try {
      const message = await deliverMessage(id, `message-${id}`, transport);
      if (message.status === "failed") outcome.failed++;
      else outcome.delivered++;
    } catch (error) {
      if (error instanceof DeliveryError && error.result.kind === "permanent") {
        outcome.failed++;
        continue;
      }
      await handOff("message", id, send);
      outcome.handedOff++;
    }
  }
  return outcome;
}

/** Ends a message its job gave up on — unless an attempt is delivering it right now (a live claim). */
export async function markMessageFailed(messageId: string, reason: string): Promise<void> {
  await db.outboundMessage.updateMany({
    where: { id: messageId, status: "queued", OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(Date.now() - MESSAGE_CLAIM_MS) } }] },
    data: { status: "failed", lastError: reason },
  });
}
