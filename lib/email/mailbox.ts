import "server-only";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/**
 * The organization's outgoing email as recorded: in the embedded default (no RESEND_API_KEY) this is where email
 * "arrives" (status `captured`); with Resend it shows delivery status. Email addresses are personal data.
 */
export type MailboxEntry = { id: string; to: string; subject: string; template: string; status: string; text: string; html: string; createdAt: Date; sentAt: Date | null; lastError: string | null };

export async function listMailbox(caller: Caller, page: { limit: number; before?: Date | undefined } = { limit: 50 }): Promise<MailboxEntry[]> {
  requirePermission(caller, "attendees.read");
  return db.emailMessage.findMany({
    where: { organizationId: caller.organizationId, ...(page.before ? { createdAt: { lt: page.before } } : {}) },
    orderBy: { createdAt: "desc" },
    take: page.limit,
    select: { id: true, to: true, subject: true, template: true, status: true, text: true, html: true, createdAt: true, sentAt: true, lastError: true },
  });
}
