import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState, PageHeader } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Event not found" };

/**
 * An event id this organization does not have: deleted, mistyped, or another organization's (the data layer answers
 * both the same way, so the page cannot tell them apart and does not try). Rendered inside the dashboard's layout, so the
 * navigation and the organization switcher stay within reach.
 */
export default function EventNotFound() {
  return (
    <>
      <PageHeader title="Event not found" />
      <EmptyState
        title="This event does not exist in this organization"
        action={
          <Link href="/dashboard/events" className={buttonClass("primary")}>
            All events
          </Link>
        }
      >
        The link may be old or mistyped, or the event belongs to another of your organizations: switch organization above and open it from its list.
      </EmptyState>
    </>
  );
}
