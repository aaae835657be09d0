import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";

export default async function DashboardHome() {
  const { user, organization } = await requireWorkspace();
  const mine = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(organization.role, p));
  return (
    <>
      <PageHeader title={organization.name} description={`Signed in as ${user.name}. Times are shown in ${organization.timezone}.`} />
      <div className="grid gap-6">
        <Card title="Events">
          <EmptyState title="No events yet">Events, schedules and registrations arrive here once event management is switched on for your organization.</EmptyState>
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
