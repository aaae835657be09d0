import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { forbiddenPage } from "@/app/dashboard/forbidden";
import { asJson, summaryKey, type Summary } from "@/components/attendees/data";
import { CheckInView } from "@/components/check-in/check-in-view";
import { AppError } from "@/lib/api/errors";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { getEvent } from "@/lib/events/service";
import { makeQueryClient } from "@/lib/query/options";
import { registrationSummary } from "@/lib/registrations/service";

export const metadata: Metadata = { title: "Check-in" };

/** Check-in mode (staff and up): big targets for a phone at the door. */
export default async function CheckInPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "checkin")) return forbiddenPage("check-in");
  const { eventId } = await params;
  const event = await getEvent(caller, eventId).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const canSeeCounts = can(organization.role, "attendees.read");
  const queryClient = makeQueryClient();
  if (canSeeCounts) await queryClient.prefetchQuery({ queryKey: summaryKey(eventId), queryFn: async () => asJson<Summary>(await registrationSummary(caller, eventId)) });

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-x-4 text-sm">
        <Link href={`/dashboard/events/${eventId}`} className="text-brand-700 hover:underline">
          ← {event.title}
        </Link>
        {canSeeCounts && (
          <Link href={`/dashboard/events/${eventId}/attendees`} className="text-brand-700 hover:underline">
            Attendees
          </Link>
        )}
      </nav>
      <h1 className="mb-5 text-2xl font-semibold tracking-tight text-slate-900">Check-in</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CheckInView eventId={eventId} timezone={event.timezone} canSeeCounts={canSeeCounts} />
      </HydrationBoundary>
    </>
  );
}
