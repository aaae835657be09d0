import type { Metadata } from "next";
import Link from "next/link";
import { EventList } from "@/components/events/event-list";
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { listEvents, type EventDto } from "@/lib/events/service";

export const metadata: Metadata = { title: "Events" };

const FILTERS = [
  { value: undefined, label: "All" },
  { value: "draft", label: "Drafts" },
  { value: "published", label: "Published" },
  { value: "cancelled", label: "Cancelled" },
] as const;
type Status = EventDto["status"];

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ status?: string; cursor?: string }> }) {
  const { organization, caller } = await requireWorkspace();
  const search = await searchParams;
  const status: Status | undefined = FILTERS.find((f) => f.value === search.status)?.value;
  const events = await listEvents(caller, { limit: 50, status, cursor: search.cursor });
  const manage = can(organization.role, "events.manage");
  const href = (params: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    return query ? `/dashboard/events?${query}` : "/dashboard/events";
  };

  return (
    <>
      <PageHeader
        title="Events"
        description="Soonest first. Drafts are visible only here until you publish them."
        actions={
          manage ? (
            <Link href="/dashboard/events/new" className={buttonClass("primary")}>
              New event
            </Link>
          ) : undefined
        }
      />
      <nav aria-label="Filter by status" className="mb-4 flex gap-1 overflow-x-auto">
        {FILTERS.map((f) => {
          const active = f.value === status;
          return (
            <Link
              key={f.label}
              href={href({ status: f.value })}
              aria-current={active ? "page" : undefined}
              className={`rounded-full px-3 py-1.5 text-sm font-medium whitespace-nowrap ${active ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>
      <Card>
        {events.data.length === 0 ? (
          <EmptyState
            title={status ? `No ${status === "draft" ? "draft" : status} events` : "No events yet"}
            action={
              manage && !status ? (
                <Link href="/dashboard/events/new" className={buttonClass("primary")}>
                  Create your first event
                </Link>
              ) : undefined
            }
          >
            {status ? "Try another filter." : manage ? "An event starts as a draft: add its schedule and FAQs, then publish it." : "Events your organization creates appear here."}
          </EmptyState>
        ) : (
          <EventList events={events.data} />
        )}
        {events.nextCursor && (
          <p className="mt-4 border-t border-slate-100 pt-3">
            <Link href={href({ status, cursor: events.nextCursor })} className="text-sm font-medium text-brand-700 hover:underline">
              Later events →
            </Link>
          </p>
        )}
      </Card>
    </>
  );
}
