import Link from "next/link";
import { RegistrationsChart } from "@/components/overview/registrations-chart";
import { Stat } from "@/components/overview/stat";
import { EventList } from "@/components/events/event-list";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { getOverview } from "@/lib/dashboard/overview";


/** The overview: what is happening across the organization's events, kept current by live updates (router refresh). */
export default async function DashboardHome() {
  const { user, organization, caller } = await requireWorkspace();
  const overview = await getOverview(caller, { timezone: organization.timezone });
  const manage = can(organization.role, "events.manage");
  const mine = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(organization.role, p));
  const fresh = overview.eventCount === 0;

  return (
    <>
      <PageHeader title={organization.name} description={`Signed in as ${user.name}. Times are shown in ${organization.timezone}.`} />
      <div className="grid grid-cols-1 gap-6">
        {fresh && manage && (
          <section aria-labelledby="first-event" className="rounded-xl border border-brand-100 bg-brand-50 px-5 py-5">
            <h2 id="first-event" className="font-semibold text-brand-900">
              Next: create your first event
            </h2>
            <p className="mt-1 max-w-prose text-sm text-slate-700">
              An event starts as a draft: give it a date and capacity, add the schedule with its keynote and the FAQs, then publish it to open registration.
            </p>
            <Link href="/onboarding/event" className={buttonClass("primary", "mt-4")}>
              Create your first event
            </Link>
          </section>
        )}

        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5" data-testid="overview-stats">
          <Stat label="Confirmed" value={overview.totals.confirmed} detail={`${overview.totals.recent} ${overview.totals.recent === 1 ? "sign-up" : "sign-ups"} in ${overview.days} days`} testId="stat-registrations" />
          <Stat label="Checked in" value={overview.totals.checkedIn} detail="of those confirmed" testId="stat-checked-in" />
          <Stat label="Waitlist" value={overview.totals.waitlisted} detail="waiting for a seat" testId="stat-waitlist" />
          {overview.messages && (
            <>
              <Stat label="Messages" value={overview.messages.inbound} detail={`received in ${overview.days} days`} testId="stat-messages" />
              <Stat label="Needs a human" value={overview.messages.needsHuman} detail="conversations" tone="amber" testId="stat-needs-human" />
            </>
          )}
        </dl>

        <Card title="Registrations per day" description={`Last ${overview.days} days, by day in ${overview.timezone}.`}>
          <RegistrationsChart perDay={overview.perDay} total={overview.totals.recent} />
        </Card>

        <Card
          title="Upcoming events"
          actions={
            <div className="flex flex-wrap gap-2">
              <Link href="/dashboard/events" className={buttonClass("secondary")}>
                All events
              </Link>
              {manage && (
                <Link href="/dashboard/events/new" className={buttonClass("primary")}>
                  New event
                </Link>
              )}
            </div>
          }
        >
          {overview.upcoming.length === 0 ? (
            <EmptyState title={fresh ? "No events yet" : "Nothing coming up"}>{fresh ? "Your events and their seats appear here." : "Past and cancelled events are under All events."}</EmptyState>
          ) : (
            <EventList events={overview.upcoming} />
          )}
        </Card>

        <Card title={`Your role: ${organization.role}`} description="What your role lets you do in this organization.">
          <ul className="grid gap-1.5 text-sm text-slate-700 sm:grid-cols-2" data-testid="role-permissions">
            {mine.map((p) => (
              <li key={p} className="flex gap-2">
                <span aria-hidden className="text-emerald-600">
                  ✓
                </span>
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
