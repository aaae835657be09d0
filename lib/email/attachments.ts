import { z } from "zod";

/**
 * Files sent with an email. Stored on the email row (`attachments`, JSON) when the email is queued, so the job sends
 * and the mailbox shows exactly what was queued: `{ filename, contentType, size, content }` with the content base64
 * encoded (what Resend's API takes). Meant for small generated files (calendar invites), not uploads: the total is
 * capped well below Resend's 40 MB limit.
 */
export const MAX_ATTACHMENT_BYTES = 256 * 1024;

export const attachmentInput = z.object({
  filename: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\"\p{Cc}]+$/u, "A file name without slashes, quotes or control characters."),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;\s*[\w-]+=[\w.-]+)*$/, "A media type, e.g. text/calendar."),
  /** Text (encoded as UTF-8) or bytes. */
  content: z.union([z.string(), z.instanceof(Uint8Array)]),
});
export type AttachmentInput = z.input<typeof attachmentInput>;

export type StoredAttachment = { filename: string; contentType: string; size: number; content: string };
/** What lists show: everything but the content. */
export type AttachmentMeta = Omit<StoredAttachment, "content">;

const stored = z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), content: z.string() }));

export function toStoredAttachments(input: readonly AttachmentInput[]): StoredAttachment[] {
  const out = input.map((raw) => {
    const a = attachmentInput.parse(raw);
    const bytes = typeof a.content === "string" ? Buffer.from(a.content, "utf8") : Buffer.from(a.content);
    return { filename: a.filename, contentType: a.contentType, size: bytes.length, content: bytes.toString("base64") };
  });
  const total = out.reduce((sum, a) => sum + a.size, 0);
  if (total > MAX_ATTACHMENT_BYTES) throw new Error(`Attachments of ${total} bytes exceed the ${MAX_ATTACHMENT_BYTES}-byte limit.`);
  return out;
}

/** The stored column, checked (a row written by an older version, or by hand, reads as no attachments). */
export function readAttachments(column: unknown): StoredAttachment[] {
  const parsed = stored.safeParse(column);
  return parsed.success ? parsed.data : [];
}

export const attachmentMeta = (a: StoredAttachment): AttachmentMeta => ({ filename: a.filename, contentType: a.contentType, size: a.size });
