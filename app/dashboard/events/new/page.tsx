import type { Metadata } from "next";
import { EventForm } from "@/components/dashboard/event-form";
import { Card, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { TIME_ZONES, utcToZonedInput } from "@/lib/time";
import { forbiddenPage } from "../../forbidden";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage() {
  const { organization } = await requireWorkspace();
  if (!can(organization.role, "events.manage")) return forbiddenPage("new event");
  const start = new Date(Date.now() + 30 * 86_400_000);
  const startsLocal = `${utcToZonedInput(start, organization.timezone).slice(0, 10)}T09:00`;
  return (
    <>
      <PageHeader title="New event" description="It starts as a draft: add the schedule and FAQs, then publish to open registration." />
      <Card>
        <EventForm timezones={TIME_ZONES} defaultTimezone={organization.timezone} defaults={{ startsLocal, endsLocal: `${startsLocal.slice(0, 10)}T17:00` }} />
      </Card>
    </>
  );
}
