import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { listAuditLog } from "@/lib/audit/log";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatInZone } from "@/lib/time";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "audit.read")) return forbiddenPage("audit log");
  const { cursor } = await searchParams;
  const page = await listAuditLog(caller, { limit: 50, cursor });
  const userIds = [...new Set(page.data.filter((e) => e.actor.type === "user" && e.actor.id).map((e) => e.actor.id!))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds }, memberships: { some: { organizationId: organization.id } } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const when = (at: Date) => formatInZone(at, organization.timezone, { dateStyle: "medium", timeStyle: "medium" });
  const who = (actor: { type: string; id: string | null }) =>
    actor.type === "user" ? (users.get(actor.id ?? "") ?? "former member") : actor.type === "api_key" ? `API key ${actor.id}` : actor.type;
  return (
    <>
      <PageHeader title="Audit log" description="Security-relevant actions in this organization: who, what, when, and the request id to find it in the logs." />
      <Card>
        {page.data.length === 0 ? (
          <EmptyState title="Nothing recorded yet" />
        ) : (
          <>
          {/* Phones: one card per entry; wider screens: the table. */}
          <ul className="divide-y divide-slate-100 text-sm sm:hidden" aria-label="Audit log entries">
            {page.data.map((e) => (
              <li key={e.id} className="py-3">
                <p className="font-mono text-xs font-medium text-slate-900">{e.action}</p>
                <p className="mt-0.5 text-xs text-slate-600">
                  {when(e.at)} · {who(e.actor)}
                </p>
                <div className="mt-1.5 text-xs text-slate-600">
                  <Details target={e.target} data={e.data} />
                </div>
                {e.requestId && <p className="mt-1 font-mono text-xs break-all text-slate-400">{e.requestId}</p>}
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto sm:block">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="audit-log">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4 font-medium">When</th>
                <th className="py-2 pr-4 font-medium">Who</th>
                <th className="py-2 pr-4 font-medium">Action</th>
                <th className="py-2 pr-4 font-medium">Details</th>
                <th className="py-2 font-medium">Request id</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.map((e) => (
                <tr key={e.id}>
                  <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{when(e.at)}</td>
                  <td className="py-2 pr-4">{who(e.actor)}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                  <td className="py-2 pr-4 text-xs text-slate-600">
                    <Details target={e.target} data={e.data} />
                  </td>
                  <td className="py-2 font-mono text-xs break-all text-slate-500">{e.requestId ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          </>
        )}
        {page.nextCursor && (
          <Link className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline" href={`/dashboard/audit?cursor=${page.nextCursor}`}>
            Older entries →
          </Link>
        )}
      </Card>
    </>
  );
}

/** What an entry is about and its recorded fields, as "name: value" lines rather than raw JSON. */
function Details({ target, data }: { target: { type: string; id: string } | null; data: unknown }) {
  const fields = data && typeof data === "object" && !Array.isArray(data) ? Object.entries(data as Record<string, unknown>) : [];
  if (!target && fields.length === 0) return <span className="text-slate-400">—</span>;
  const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
      {target && (
        <>
          <dt className="text-slate-500">{target.type}</dt>
          <dd className="font-mono break-all">{target.id}</dd>
        </>
      )}
      {fields.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-500">{name}</dt>
          <dd className="font-mono break-all">{shown(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
