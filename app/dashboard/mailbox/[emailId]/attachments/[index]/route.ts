import { AppError } from "@/lib/api/errors";
import { requireWorkspace } from "@/lib/auth/session";
import { mailboxAttachment } from "@/lib/email/mailbox";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

/**
 * Downloads one attachment of an email in the mailbox. Only members of the email's organization (with
 * `attendees.read`, like the mailbox itself) get it; anyone else gets a 404 (or the sign-in page).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ emailId: string; index: string }> }) {
  const { emailId, index } = await params;
  if (!/^eml_[A-Za-z0-9]{22}$/.test(emailId) || !/^\d{1,3}$/.test(index)) return text("Not found", 404);
  const { caller } = await requireWorkspace(`/dashboard/mailbox`);
  try {
    const file = await mailboxAttachment(caller, emailId, Number(index));
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_");
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.bytes.length),
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError && (error.status === 404 || error.status === 403)) return text("Not found", 404);
    throw error;
  }
}
