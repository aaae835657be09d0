import "server-only";
import { db } from "@/lib/db";
import type { MessageChannel } from "@/lib/generated/prisma/client";

/**
 * Whether a recipient said STOP: the messaging channel asks this before sending anything (captured mode included).
 * Opt-out is per organization (its numbers) and channel; a message that belongs to no organization is held back
 * if the phone opted out of that channel anywhere.
 */
export async function conversationOptedOut(recipient: { organizationId: string | null; channel: MessageChannel; to: string }): Promise<boolean> {
  const found = await db.conversation.findFirst({
    where: { phone: recipient.to, channel: recipient.channel, optedOut: true, ...(recipient.organizationId ? { organizationId: recipient.organizationId } : {}) },
    select: { id: true },
  });
  return found !== null;
}
