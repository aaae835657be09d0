import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { listEvents } from "@/lib/events/service";
import { formatInZone } from "@/lib/time";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";

export default async function DashboardHome() {
  const { user, organization, caller } = await requireWorkspace();
  const events = await listEvents(caller, { limit: 50 });
  const mine = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(organization.role, p));
  return (
    <>
      <PageHeader title={organization.name} description={`Signed in as ${user.name}. Times are shown in ${organization.timezone}.`} />
      <div className="grid gap-6">
        <Card
          title="Events"
          actions={
            can(organization.role, "events.manage") ? (
              <Link href="/dashboard/events/new" className={buttonClass("primary")}>
                New event
              </Link>
            ) : undefined
          }
        >
          {events.data.length === 0 ? (
            <EmptyState title="No events yet">{can(organization.role, "events.manage") ? "Create your first event: a draft until you publish it." : "Events your organization creates appear here."}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="events">
              {events.data.map((e) => (
                <li key={e.id}>
                  <Link href={`/dashboard/events/${e.id}`} className="flex flex-wrap items-center justify-between gap-3 py-3 hover:bg-slate-50">
                    <span className="min-w-0">
                      <span className="block font-medium text-slate-900">{e.title}</span>
                      <span className="block text-sm text-slate-600">{formatInZone(e.startsAt, e.timezone, { dateStyle: "medium", timeStyle: "short" })} ({e.timezone})</span>
                    </span>
                    <span className="flex items-center gap-3 text-sm text-slate-600">
                      {e.confirmedCount} / {e.capacity}
                      <Badge tone={e.status === "published" ? "emerald" : e.status === "draft" ? "amber" : "red"}>{e.status}</Badge>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Your role: ${organization.role}`} description="What your role lets you do in this organization.">
          <ul className="grid gap-1.5 text-sm text-slate-700 sm:grid-cols-2" data-testid="role-permissions">
            {mine.map((p) => (
              <li key={p} className="flex gap-2">
                <span aria-hidden className="text-emerald-600">✓</span>
                {PERMISSIONS[p]}
              </li>
            ))}
          </ul>
          {can(organization.role, "team.manage") && (
            <Link href="/dashboard/team" className={buttonClass("secondary", "mt-4")}>
              Invite your team
            </Link>
          )}
        </Card>
      </div>
    </>
  );
}
