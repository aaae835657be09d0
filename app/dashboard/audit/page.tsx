import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { listAuditLog } from "@/lib/audit/log";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "audit.read")) return forbiddenPage("audit log");
  const { cursor } = await searchParams;
  const page = await listAuditLog(caller, { limit: 50, cursor });
  const userIds = [...new Set(page.data.filter((e) => e.actor.type === "user" && e.actor.id).map((e) => e.actor.id!))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds }, memberships: { some: { organizationId: organization.id } } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: organization.timezone });
  return (
    <>
      <PageHeader title="Audit log" description="Security-relevant actions in this organization: who, what, when, and the request id to find it in the logs." />
      <Card>
        {page.data.length === 0 ? (
          <EmptyState title="Nothing recorded yet" />
        ) : (
          <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="audit-log">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4 font-medium">When</th>
                <th className="py-2 pr-4 font-medium">Who</th>
                <th className="py-2 pr-4 font-medium">Action</th>
                <th className="py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.data.map((e) => (
                <tr key={e.id}>
                  <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{when.format(e.at)}</td>
                  <td className="py-2 pr-4">{e.actor.type === "user" ? (users.get(e.actor.id ?? "") ?? "former member") : e.actor.type === "api_key" ? `API key ${e.actor.id}` : e.actor.type}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                  <td className="py-2 font-mono text-xs break-all text-slate-600">{JSON.stringify(e.data)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
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
