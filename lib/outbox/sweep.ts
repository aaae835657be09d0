import "server-only";
import { db } from "@/lib/db";
import { requestEmailDelivery } from "@/lib/email/service";
import { requestMessageDelivery } from "@/lib/messaging/service";

type Senders = { email: (id: string) => Promise<unknown>; message: (id: string) => Promise<unknown> };

/** The channels' own hand-offs: the same event ids as when the row was queued, so the job backend dedupes them. */
const defaultSenders: Senders = { email: requestEmailDelivery, message: requestMessageDelivery };

/**
 * Re-sends the job event of every email and message still `queued` with no delivery attempt after `olderThanMs`
 * (the job backend was down when it was queued). Event ids are the row ids, so an event that did arrive the first
 * time is dropped by the backend's id dedupe: nothing is delivered twice.
 */
export async function sweepOutbox(olderThanMs = 120_000, senders: Senders = defaultSenders, limit = 500): Promise<{ emails: number; messages: number }> {
  const before = new Date(Date.now() - olderThanMs);
  const [emails, messages] = await Promise.all([
    db.emailMessage.findMany({ where: { status: "queued", attempts: 0, createdAt: { lte: before } }, select: { id: true }, take: limit, orderBy: { createdAt: "asc" } }),
    db.outboundMessage.findMany({ where: { status: "queued", attempts: 0, createdAt: { lte: before } }, select: { id: true }, take: limit, orderBy: { createdAt: "asc" } }),
  ]);
  for (const { id } of emails) await senders.email(id);
  for (const { id } of messages) await senders.message(id);
  return { emails: emails.length, messages: messages.length };
}
