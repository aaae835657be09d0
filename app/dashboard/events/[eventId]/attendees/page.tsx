import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { forbiddenPage } from "@/app/dashboard/forbidden";
import { AttendeesView } from "@/components/attendees/attendees-view";
import { CsvImport } from "@/components/attendees/csv-import";
import { asJson, listKey, PAGE_SIZE, summaryKey, type AttendeePage, type Summary } from "@/components/attendees/data";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/ui/feedback";
import { AppError } from "@/lib/api/errors";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { getEvent, listQuestions } from "@/lib/events/service";
import { makeQueryClient } from "@/lib/query/options";
import { listRegistrations, registrationSummary } from "@/lib/registrations/service";

export const metadata: Metadata = { title: "Attendees" };

/** An event's attendees: the first page and the counts are fetched here and hydrated into the client's queries. */
export default async function AttendeesPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "attendees.read")) return forbiddenPage("attendees");
  const { eventId } = await params;
  const event = await getEvent(caller, eventId).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const canManage = can(organization.role, "attendees.manage");
  const queryClient = makeQueryClient();
  const filters = { q: "", status: "all" as const };
  await Promise.all([
    queryClient.prefetchInfiniteQuery({
      queryKey: listKey(eventId, filters),
      queryFn: async () => asJson<AttendeePage>(await listRegistrations(caller, eventId, { limit: PAGE_SIZE, order: "desc" })),
      initialPageParam: null as string | null,
      getNextPageParam: (last: AttendeePage) => last.nextCursor,
    }),
    queryClient.prefetchQuery({ queryKey: summaryKey(eventId), queryFn: async () => asJson<Summary>(await registrationSummary(caller, eventId)) }),
  ]);
  const questions = await listQuestions(caller, eventId);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/dashboard/events/${eventId}`} className="text-brand-700 hover:underline">
          ← {event.title}
        </Link>
      </nav>
      <PageHeader
        title="Attendees"
        description={`${event.title} · times in ${event.timezone}`}
        actions={
          <div className="flex flex-wrap gap-2">
            {canManage && event.status !== "cancelled" && (
              <a href="#import" className={buttonClass("secondary")}>
                Import CSV
              </a>
            )}
            {can(organization.role, "checkin") && (
              <Link href={`/dashboard/events/${eventId}/check-in`} className={buttonClass("primary")}>
                Check-in mode
              </Link>
            )}
          </div>
        }
      />
      <div className="grid gap-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <AttendeesView eventId={eventId} timezone={event.timezone} canManage={canManage} questions={questions.map((q) => ({ id: q.id, label: q.label }))} />
        </HydrationBoundary>
        {canManage && event.status !== "cancelled" && <CsvImport eventId={eventId} questionLabels={questions.map((q) => q.label)} />}
      </div>
    </>
  );
}
