import "server-only";
import { db } from "@/lib/db";
import { requestEmailDeliveries } from "@/lib/email/service";
import { requestMessageDeliveries } from "@/lib/messaging/service";

type Senders = { email: (ids: string[]) => Promise<unknown>; message: (ids: string[]) => Promise<unknown> };

/** The channels' own hand-offs: the same event ids as when the row was queued, so the job backend dedupes them. */
const defaultSenders: Senders = { email: requestEmailDeliveries, message: requestMessageDeliveries };

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
  // A backlog in one request per channel (per 500 rows), not one per row.
  if (emails.length > 0) await senders.email(emails.map(({ id }) => id));
  if (messages.length > 0) await senders.message(messages.map(({ id }) => id));
  return { emails: emails.length, messages: messages.length };
}
