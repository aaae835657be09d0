import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventDetailsForm } from "@/components/events-editor/event-details-form";
import { EventStatusActions } from "@/components/events-editor/event-status-actions";
import { FaqsEditor } from "@/components/events-editor/faqs-editor";
import { QuestionsEditor } from "@/components/events-editor/questions-editor";
import { SessionsEditor } from "@/components/events-editor/sessions-editor";
import { EVENT_STATUS_TONE } from "@/components/events/event-list";
import { buttonClass } from "@/components/ui/button-class";
import { Badge, Card, PageHeader } from "@/components/ui/feedback";
import { AppError } from "@/lib/api/errors";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getEvent, listFaqs, listQuestions, listSessions } from "@/lib/events/service";
import { formatInZone, TIME_ZONES, utcToZonedInput } from "@/lib/time";

export const metadata: Metadata = { title: "Event" };


/** The event editor: details, schedule, FAQs, registration questions; publish and cancel; then the registrations. */
export default async function EventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { organization, caller } = await requireWorkspace();
  const { eventId } = await params;
  const event = await getEvent(caller, eventId).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const manage = can(organization.role, "events.manage");
  const seesPeople = can(organization.role, "attendees.read");
  const editable = manage && event.status !== "cancelled";
  const [sessions, faqs, questions, counts] = await Promise.all([
    listSessions(caller, eventId),
    listFaqs(caller, eventId),
    listQuestions(caller, eventId),
    db.$queryRaw<{ waitlisted: bigint; checked_in: bigint }[]>`
      SELECT count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted, count(*) FILTER (WHERE "checkedInAt" IS NOT NULL AND status = 'confirmed') AS checked_in
      FROM registrations WHERE "eventId" = ${eventId} AND "organizationId" = ${caller.organizationId}`,
  ]);
  const waitlisted = Number(counts[0]?.waitlisted ?? 0);
  const checkedIn = Number(counts[0]?.checked_in ?? 0);
  const zone = event.timezone;
  const local = (at: Date | null) => (at ? utcToZonedInput(at, zone) : "");
  const when = (at: Date) => formatInZone(at, zone, { dateStyle: "medium", timeStyle: "short" });
  const time = (at: Date) => formatInZone(at, zone, { timeStyle: "short" });
  // A new session's form proposes the hour after the last session (the event's start when there is none), within the event.
  const lastEnd = sessions.reduce((at, s) => (s.endsAt > at ? s.endsAt : at), event.startsAt);
  const slotStart = lastEnd < event.endsAt ? lastEnd : event.startsAt;
  const slotEnd = new Date(Math.min(slotStart.getTime() + 3_600_000, event.endsAt.getTime()));
  const sections = [
    ["details", "Details"],
    ["schedule", "Schedule"],
    ["faqs", "FAQs"],
    ["questions", "Questions"],
    ...(seesPeople ? [["registrations", "Registrations"]] : []),
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/events" className="text-slate-600 hover:text-slate-900 hover:underline">
          ← All events
        </Link>
      </p>
      <PageHeader
        title={event.title}
        description={
          <>
            {when(event.startsAt)} – {time(event.endsAt)} ({zone}) · {event.venue ?? event.onlineUrl ?? "no venue yet"} · <Badge tone={EVENT_STATUS_TONE[event.status]}>{event.status}</Badge>
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2" data-testid="event-actions">
            {seesPeople && (
              <Link href={`/dashboard/events/${eventId}/attendees`} className={buttonClass("secondary")}>
                Attendees
              </Link>
            )}
            {can(organization.role, "checkin") && event.status !== "draft" && (
              <Link href={`/dashboard/events/${eventId}/check-in`} className={buttonClass("secondary")}>
                Check-in mode
              </Link>
            )}
            {event.status !== "draft" && (
              <Link href={`/e/${event.slug}`} className={buttonClass("secondary")} target="_blank">
                Public page<span className="sr-only"> (opens in a new tab)</span>
              </Link>
            )}
            {manage && <EventStatusActions eventId={eventId} title={event.title} status={event.status} confirmedCount={event.confirmedCount} waitlistedCount={waitlisted} />}
          </div>
        }
      />
      <div className="grid grid-cols-1 gap-6">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="event-stats">
          {[
            ["Confirmed", `${event.confirmedCount} / ${event.capacity}`],
            ["Seats left", String(event.seatsLeft)],
            ["Waitlisted", String(waitlisted)],
            ["Checked in", String(checkedIn)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
              <dt className="text-xs text-slate-600 uppercase">{label}</dt>
              <dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>

        <nav aria-label="Event sections" className="-mb-2 flex flex-wrap gap-1 text-sm">
          {sections.map(([id, label]) => (
            <a key={id} href={`#${id}`} className="rounded-lg px-3 py-1.5 font-medium whitespace-nowrap text-slate-700 hover:bg-white hover:text-slate-900">
              {label}
            </a>
          ))}
        </nav>

        <div id="details" className="scroll-mt-4">
          <Card title="Details" description={editable ? `Times are in the event’s time zone (${zone}).` : undefined}>
            {editable ? (
              <EventDetailsForm
                timezones={TIME_ZONES}
                readOnly={false}
                event={{
                  id: event.id,
                  title: event.title,
                  description: event.description,
                  venue: event.venue ?? "",
                  onlineUrl: event.onlineUrl ?? "",
                  timezone: zone,
                  startsLocal: local(event.startsAt),
                  endsLocal: local(event.endsAt),
                  capacity: event.capacity,
                  registrationOpensLocal: local(event.registrationOpensAt),
                  registrationClosesLocal: local(event.registrationClosesAt),
                }}
              />
            ) : (
              <dl className="grid gap-3 text-sm sm:grid-cols-2">
                {[
                  ["Description", event.description || "—"],
                  ["Venue", event.venue ?? "—"],
                  ["Online URL", event.onlineUrl ?? "—"],
                  ["Capacity", String(event.capacity)],
                  ["Registration opens", event.registrationOpensAt ? when(event.registrationOpensAt) : "When published"],
                  ["Registration closes", event.registrationClosesAt ? when(event.registrationClosesAt) : "When the event ends"],
                ].map(([label, value]) => (
                  <div key={label}>
                    <dt className="font-medium text-slate-700">{label}</dt>
                    <dd className="whitespace-pre-line text-slate-600">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Card>
        </div>

        <div id="schedule" className="scroll-mt-4">
          <Card title="Schedule" description={`Times in ${zone}.`}>
            <SessionsEditor
              eventId={eventId}
              timezone={zone}
              canEdit={editable}
              nextSlot={{ startsLocal: local(slotStart), endsLocal: local(slotEnd) }}
              sessions={sessions.map((s) => ({
                id: s.id,
                title: s.title,
                speaker: s.speaker ?? "",
                room: s.room ?? "",
                isKeynote: s.isKeynote,
                startsLocal: local(s.startsAt),
                endsLocal: local(s.endsAt),
                when: `${formatInZone(s.startsAt, zone, { weekday: "short", day: "numeric", month: "short" })}, ${time(s.startsAt)}–${time(s.endsAt)}`,
              }))}
            />
          </Card>
        </div>

        <div id="faqs" className="scroll-mt-4">
          <Card title="FAQs">
            <FaqsEditor eventId={eventId} canEdit={editable} faqs={faqs.map((f) => ({ id: f.id, question: f.question, answer: f.answer }))} />
          </Card>
        </div>

        <div id="questions" className="scroll-mt-4">
          <Card title="Registration questions" description="Asked on the public registration form.">
            <QuestionsEditor eventId={eventId} canEdit={editable} questions={questions} />
          </Card>
        </div>

        {seesPeople && (
          <div id="registrations" className="scroll-mt-4">
            <Card title="Registrations" description="Search, filter, import, export, cancel and promote on the attendees page.">
              <p className="text-sm text-slate-700">
                {event.confirmedCount} confirmed, {waitlisted} on the waitlist, {checkedIn} checked in.
              </p>
              <p className="mt-3">
                <Link href={`/dashboard/events/${eventId}/attendees`} className={buttonClass("secondary")}>
                  Open attendees
                </Link>
              </p>
            </Card>
          </div>
        )}
      </div>
    </>
  );
}
