import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { attachmentMeta, readAttachments, type AttachmentMeta, type StoredAttachment } from "./attachments";

/**
 * The organization's outgoing email as recorded: in the embedded default (no RESEND_API_KEY) this is where email
 * "arrives" (status `captured`); with Resend it shows delivery status. Email addresses are personal data.
 */
export type MailboxEntry = {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: string;
  text: string;
  html: string;
  /** Names, types and sizes; the content is fetched one file at a time (`mailboxAttachment`). */
  attachments: AttachmentMeta[];
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
};

export const mailboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
  to: z.string().trim().toLowerCase().max(254).optional(),
});

/** Newest first; `to` filters by recipient; the cursor is the last entry's id. */
export async function listMailbox(caller: Caller, query: z.input<typeof mailboxQuery> = {}): Promise<{ data: MailboxEntry[]; nextCursor: string | null }> {
  requirePermission(caller, "attendees.read");
  const page = mailboxQuery.parse(query);
  const rows = await db.emailMessage.findMany({
    where: { organizationId: caller.organizationId, ...(page.to ? { to: page.to } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    select: { id: true, to: true, subject: true, template: true, status: true, text: true, html: true, attachments: true, createdAt: true, sentAt: true, lastError: true },
  });
  const data = rows.slice(0, page.limit).map((row) => ({ ...row, attachments: readAttachments(row.attachments).map(attachmentMeta) }));
  return { data, nextCursor: rows.length > page.limit ? data[data.length - 1]!.id : null };
}

/**
 * One attachment of one of the organization's emails (by its position in the email's list), with its bytes; an
 * email of another organization, or one without that attachment, is a 404.
 */
export async function mailboxAttachment(caller: Caller, emailId: string, index: number): Promise<Omit<StoredAttachment, "content"> & { bytes: Buffer }> {
  requirePermission(caller, "attendees.read");
  const row = await db.emailMessage.findFirst({ where: { id: emailId, organizationId: caller.organizationId }, select: { attachments: true } });
  const attachment = row ? readAttachments(row.attachments)[index] : undefined;
  if (!attachment) throw notFound("attachment");
  return { filename: attachment.filename, contentType: attachment.contentType, size: attachment.size, bytes: Buffer.from(attachment.content, "base64") };
}
