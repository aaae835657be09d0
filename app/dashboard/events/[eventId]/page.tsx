import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { addFaqAction, addSessionAction, cancelEventAction, cancelRegistrationAction, checkInAction, publishEventAction } from "@/app/dashboard/events/actions";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/feedback";
import { Field } from "@/components/ui/field";
import { AppError } from "@/lib/api/errors";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getEvent, listFaqs, listSessions } from "@/lib/events/service";
import { listRegistrations } from "@/lib/registrations/service";
import { formatInZone, utcToZonedInput } from "@/lib/time";

export const metadata: Metadata = { title: "Event" };

type Search = { q?: string; status?: string; cursor?: string };
const STATUS_TONE = { draft: "amber", published: "emerald", cancelled: "red" } as const;

export default async function EventPage({ params, searchParams }: { params: Promise<{ eventId: string }>; searchParams: Promise<Search> }) {
  const { organization, caller } = await requireWorkspace();
  const { eventId } = await params;
  const search = await searchParams;
  const event = await getEvent(caller, eventId).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const manage = can(organization.role, "events.manage");
  const seesPeople = can(organization.role, "attendees.read");
  const status = search.status === "confirmed" || search.status === "waitlisted" || search.status === "cancelled" ? search.status : undefined;
  const [sessions, faqs, registrations, counts] = await Promise.all([
    listSessions(caller, eventId),
    listFaqs(caller, eventId),
    seesPeople ? listRegistrations(caller, eventId, { limit: 50, q: search.q || undefined, status, cursor: search.cursor }) : null,
    db.registration.groupBy({ by: ["status"], where: { eventId, organizationId: caller.organizationId }, _count: true }),
  ]);
  const count = (s: string) => counts.find((c) => c.status === s)?._count ?? 0;
  const checkedIn = await db.registration.count({ where: { eventId, organizationId: caller.organizationId, checkedInAt: { not: null } } });
  const when = (at: Date) => formatInZone(at, event.timezone, { dateStyle: "medium", timeStyle: "short" });
  const time = (at: Date) => formatInZone(at, event.timezone, { timeStyle: "short" });
  const day = utcToZonedInput(event.startsAt, event.timezone).slice(0, 10);

  return (
    <>
      <PageHeader
        title={event.title}
        description={
          <>
            {when(event.startsAt)} – {time(event.endsAt)} ({event.timezone}) · {event.venue ?? event.onlineUrl ?? "online"} ·{" "}
            <Badge tone={STATUS_TONE[event.status]}>{event.status}</Badge>
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
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
                Public page
              </Link>
            )}
            {manage && event.status === "draft" && <ActionForm action={publishEventAction} submit="Publish" hidden={{ eventId }} />}
            {manage && event.status !== "cancelled" && <ActionForm action={cancelEventAction} submit="Cancel event" variant="danger" hidden={{ eventId }} confirm={`Cancel “${event.title}”? Everyone registered is told by email.`} />}
          </div>
        }
      />
      <div className="grid gap-6">
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="event-stats">
          {[
            ["Confirmed", `${count("confirmed")} / ${event.capacity}`],
            ["Seats left", String(event.seatsLeft)],
            ["Waitlisted", String(count("waitlisted"))],
            ["Checked in", String(checkedIn)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
              <p className="text-xs text-slate-500 uppercase">{label}</p>
              <p className="mt-1 text-xl font-semibold text-slate-900">{value}</p>
            </div>
          ))}
        </div>

        {registrations && (
          <Card
            title="Registrations"
            actions={
              <a href={`/api/v1/events/${eventId}/registrations.csv`} className={buttonClass("secondary")}>
                Export CSV
              </a>
            }
          >
            <form className="mb-4 flex flex-wrap items-end gap-2" role="search">
              <Field label="Search" name="q" defaultValue={search.q} placeholder="Name or email" className="min-w-56 flex-1" />
              <select name="status" defaultValue={status ?? ""} aria-label="Status" className="rounded-lg border border-slate-300 bg-white px-2.5 py-2 text-sm">
                <option value="">All statuses</option>
                <option value="confirmed">Confirmed</option>
                <option value="waitlisted">Waitlisted</option>
                <option value="cancelled">Cancelled</option>
              </select>
              <button type="submit" className={buttonClass("secondary")}>
                Filter
              </button>
            </form>
            {registrations.data.length === 0 ? (
              <EmptyState title={search.q || status ? "No registrations match" : "No registrations yet"}>
                {event.status === "draft" ? "Publish the event to open registration." : `Share /e/${event.slug} to let people register.`}
              </EmptyState>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="registrations">
                  <thead className="text-xs text-slate-500 uppercase">
                    <tr>
                      <th className="py-2 pr-4 font-medium">Name</th>
                      <th className="py-2 pr-4 font-medium">Email</th>
                      <th className="py-2 pr-4 font-medium">Status</th>
                      <th className="py-2 pr-4 font-medium">Registered</th>
                      <th className="py-2 font-medium">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {registrations.data.map((r) => (
                      <tr key={r.id} className="align-middle">
                        <td className="py-2 pr-4 font-medium text-slate-900">{r.name}</td>
                        <td className="py-2 pr-4 text-slate-600">{r.email}</td>
                        <td className="py-2 pr-4">
                          <Badge tone={r.status === "confirmed" ? "emerald" : r.status === "waitlisted" ? "amber" : "slate"}>{r.status === "waitlisted" ? `waitlist #${r.waitlistPosition}` : r.status}</Badge>
                          {r.checkedInAt && <span className="ml-2 text-xs text-emerald-700">checked in {time(r.checkedInAt)}</span>}
                        </td>
                        <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{when(r.createdAt)}</td>
                        <td className="py-2">
                          <div className="flex justify-end gap-2">
                            {r.status === "confirmed" && !r.checkedInAt && can(organization.role, "checkin") && <ActionForm action={checkInAction} submit="Check in" variant="secondary" hidden={{ registrationId: r.id }} />}
                            {r.status !== "cancelled" && can(organization.role, "attendees.manage") && <ActionForm action={cancelRegistrationAction} submit="Cancel" variant="ghost" hidden={{ registrationId: r.id }} confirm={`Cancel ${r.name}'s registration?`} />}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {registrations.nextCursor && (
              <Link className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline" href={`?${new URLSearchParams({ ...(search.q ? { q: search.q } : {}), ...(status ? { status } : {}), cursor: registrations.nextCursor }).toString()}`}>
                Next page →
              </Link>
            )}
          </Card>
        )}

        <Card title="Schedule">
          {sessions.length === 0 ? (
            <EmptyState title="No sessions yet">Add the keynote and the talks; attendees see them on the public page and can ask the concierge about them.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="sessions">
              {sessions.map((s) => (
                <li key={s.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2.5">
                  <span className="w-28 shrink-0 font-mono text-sm text-slate-600">
                    {time(s.startsAt)}–{time(s.endsAt)}
                  </span>
                  <span className="font-medium text-slate-900">{s.title}</span>
                  {s.isKeynote && <Badge tone="brand">keynote</Badge>}
                  <span className="text-sm text-slate-600">{[s.speaker, s.room].filter(Boolean).join(" · ")}</span>
                </li>
              ))}
            </ul>
          )}
          {manage && event.status !== "cancelled" && (
            <ActionForm action={addSessionAction} submit="Add session" variant="secondary" hidden={{ eventId }} className="mt-4 grid items-end gap-3 border-t border-slate-100 pt-4 sm:grid-cols-3">
              <Field label="Title" name="title" required className="sm:col-span-3" />
              <Field label="Starts" name="startsLocal" type="datetime-local" required defaultValue={`${day}T09:00`} />
              <Field label="Ends" name="endsLocal" type="datetime-local" required defaultValue={`${day}T10:00`} />
              <Field label="Speaker" name="speaker" />
              <Field label="Room" name="room" />
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="isKeynote" className="size-4" /> Keynote
              </label>
            </ActionForm>
          )}
        </Card>

        <Card title="FAQs">
          {faqs.length === 0 ? (
            <EmptyState title="No FAQs yet">Answers to what people ask (parking, Wi-Fi, refunds) show on the public page and feed the concierge.</EmptyState>
          ) : (
            <dl className="divide-y divide-slate-100" data-testid="faqs">
              {faqs.map((f) => (
                <div key={f.id} className="py-2.5">
                  <dt className="font-medium text-slate-900">{f.question}</dt>
                  <dd className="mt-0.5 text-sm text-slate-600">{f.answer}</dd>
                </div>
              ))}
            </dl>
          )}
          {manage && event.status !== "cancelled" && (
            <ActionForm action={addFaqAction} submit="Add FAQ" variant="secondary" hidden={{ eventId }} className="mt-4 grid items-end gap-3 border-t border-slate-100 pt-4">
              <Field label="Question" name="question" required />
              <Field label="Answer" name="answer" required />
            </ActionForm>
          )}
        </Card>
      </div>
    </>
  );
}
