import type { Metadata } from "next";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { listMailbox } from "@/lib/email/mailbox";
import { modes } from "@/lib/env";
import { formatInZone } from "@/lib/time";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Mailbox" };

const tone = (status: string) => (status === "failed" || status === "bounced" ? "red" : status === "queued" ? "amber" : status === "captured" ? "brand" : "emerald");

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

export default async function MailboxPage() {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "attendees.read")) return forbiddenPage("mailbox");
  const { data: emails } = await listMailbox(caller, { limit: 100 });
  const when = (at: Date) => formatInZone(at, organization.timezone);
  return (
    <>
      <PageHeader
        title="Mailbox"
        description={modes.email === "captured" ? "No email provider is configured, so email is captured here instead of being sent." : "Email sent through Resend, with its delivery status."}
      />
      <Card>
        {emails.length === 0 ? (
          <EmptyState title="No email yet">Invitations, confirmations and reminders appear here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="mailbox">
            {emails.map((e) => (
              <li key={e.id} className="py-3">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                    <span className="min-w-0">
                      <span className="font-medium text-slate-900">{e.subject}</span>
                      <span className="block text-sm text-slate-600">
                        to {e.to} · {when(e.createdAt)}
                      </span>
                    </span>
                    <Badge tone={tone(e.status)}>{e.status}</Badge>
                  </summary>
                  {e.lastError && <p className="mt-2 text-sm text-red-700">{e.lastError}</p>}
                  {e.attachments.length > 0 && (
                    <ul className="mt-3 flex flex-wrap gap-2" data-testid="email-attachments">
                      {e.attachments.map((a, i) => (
                        <li key={i}>
                          <a
                            href={`/dashboard/mailbox/${e.id}/attachments/${i}`}
                            download={a.filename}
                            className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50"
                            data-testid="email-attachment"
                          >
                            📎 <span className="font-medium">{a.filename}</span> <span className="text-slate-500">({formatSize(a.size)})</span>
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                  <iframe title={`Email: ${e.subject}`} sandbox="" srcDoc={e.html} className="mt-3 h-96 w-full rounded-lg border border-slate-200 bg-white" />
                  <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-700" data-testid="email-text">
                    {e.text}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
