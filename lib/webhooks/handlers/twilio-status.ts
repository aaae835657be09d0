import "server-only";
import { db } from "@/lib/db";
import { type MessageStatus } from "@/lib/generated/prisma/client";
import { UnreadablePayload, type WebhookHandler } from "../handler";

/** Twilio's MessageStatus values we keep, and how far along each is (a late `sent` never undoes `delivered`). */
const RANK: Partial<Record<string, { status: MessageStatus; rank: number }>> = {
  sent: { status: "sent", rank: 1 },
  delivered: { status: "delivered", rank: 2 },
  read: { status: "delivered", rank: 2 },
  undelivered: { status: "failed", rank: 3 },
  failed: { status: "failed", rank: 3 },
};
const rankOf = (status: MessageStatus) => (status === "delivered" ? 2 : status === "failed" ? 3 : status === "sent" ? 1 : 0);

/** A status callback for a message we sent: updates its `OutboundMessage` (found by Twilio's SID). */
export const twilioStatus: WebhookHandler = async (event) => {
  const params = new URLSearchParams(event.rawBody);
  const sid = params.get("MessageSid");
  const reported = RANK[params.get("MessageStatus") ?? ""];
  if (!sid) throw new UnreadablePayload("The status callback has no MessageSid.");
  if (!reported) return { status: "ignored", note: `status ${params.get("MessageStatus")} is not tracked` };
  const message = await db.outboundMessage.findUnique({ where: { providerId: sid }, select: { id: true, status: true, organizationId: true } });
  if (!message) return { status: "ignored", note: "no message with this SID" };
  if (rankOf(message.status) < reported.rank) {
    const errorCode = params.get("ErrorCode");
    await db.outboundMessage.update({
      where: { id: message.id },
      data: { status: reported.status, ...(reported.status === "failed" ? { lastError: `twilio: ${params.get("MessageStatus")}${errorCode ? ` (error ${errorCode})` : ""}` } : {}) },
    });
  }
  return { status: "processed", organizationId: message.organizationId };
};
