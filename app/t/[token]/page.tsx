import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventFacts } from "@/components/events/event-facts";
import { moment } from "@/components/events/event-time";
import { TicketQr } from "@/components/tickets/ticket-qr";
import { TicketShell } from "@/components/tickets/ticket-shell";
import { buttonClass } from "@/components/ui/button-class";
import { Alert, Badge } from "@/components/ui/feedback";
import { ticketByToken } from "@/lib/events/public";

// The URL is the credential: keep it out of search engines and out of Referer headers to other sites.
export const metadata: Metadata = { title: "Your ticket", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TicketPage({ params, searchParams }: Props) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  const ticket = await ticketByToken(token);
  if (!ticket) notFound();
  const { event } = ticket;
  const eventCancelled = event.status === "cancelled";
  const ended = Date.parse(event.endsAt) <= Date.now();
  const canCancel = ticket.status !== "cancelled" && !eventCancelled && !ended;
  const here = `/t/${ticket.ticketToken}`;

  return (
    <TicketShell organizationName={event.organizationName}>
      <div className="flex flex-col gap-5 p-5 sm:p-6">
        {query.new === "1" && ticket.status === "confirmed" && <Alert tone="success">You’re registered! Show the QR code below at the door.</Alert>}
        {query.new === "1" && ticket.status === "waitlisted" && <Alert tone="info">The event is full, so you’re on the waitlist. If a seat frees up, it’s yours and we’ll email you.</Alert>}
        {query.cancelled === "1" && ticket.status === "cancelled" && <Alert tone="success">Your registration is cancelled. Thanks for letting us know: your place is free for someone else.</Alert>}
        {eventCancelled && <Alert>This event has been cancelled by the organizer.</Alert>}

        <div>
          <p className="text-sm font-medium text-brand-700">Ticket for</p>
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight break-words text-slate-900">
            <Link href={`/e/${event.slug}`} className="hover:underline">
              {event.title}
            </Link>
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Attendee: <strong className="font-medium text-slate-900" data-testid="attendee-name">{ticket.name}</strong>
          </p>
        </div>

        <div className="text-sm">
          <EventFacts event={event} />
        </div>

        <section aria-label="Ticket status" className="rounded-xl border border-slate-200 bg-slate-50 p-4" data-testid="ticket-status" data-status={ticket.status}>
          {eventCancelled && ticket.status !== "cancelled" ? (
            <div className="flex flex-col gap-2">
              <div>
                <Badge tone="red">Event cancelled</Badge>
              </div>
              <p className="font-semibold text-slate-900">This ticket no longer admits anyone: the event will not take place.</p>
              <p className="text-sm text-slate-600">There is nothing you need to do.</p>
            </div>
          ) : ticket.status === "confirmed" ? (
            <div className="flex flex-col items-center gap-3 text-center">
              <div className="flex items-center gap-2">
                <Badge tone="emerald">Confirmed</Badge>
                {ticket.checkedInAt && <Badge tone="brand">Checked in {moment(ticket.checkedInAt, event.timezone)}</Badge>}
              </div>
              <div className="rounded-lg bg-white p-2 shadow-xs ring-1 ring-slate-200">
                <TicketQr value={ticket.ticketToken} label={`Check-in QR code for ${ticket.name}`} className="size-52 sm:size-56" />
              </div>
              <p className="text-sm text-slate-600">Show this code at the door to check in.</p>
            </div>
          ) : ticket.status === "waitlisted" ? (
            <div className="flex flex-col gap-2">
              <div>
                <Badge tone="amber">Waitlist</Badge>
              </div>
              <p className="text-lg font-semibold text-slate-900" data-testid="waitlist-position">
                You’re #{ticket.waitlistPosition ?? "?"} on the waitlist
              </p>
              <p className="text-sm text-slate-600">When a seat frees up it goes to the next person in line, and this page shows your check-in code. We’ll email you.</p>
            </div>
          ) : (
            <div className="flex flex-col gap-2">
              <div>
                <Badge tone="red">Cancelled</Badge>
              </div>
              <p className="font-semibold text-slate-900">This registration is cancelled.</p>
              {!eventCancelled && !ended && (
                <p className="text-sm text-slate-600">
                  Changed your mind?{" "}
                  <Link href={`/e/${event.slug}#register`} className="font-medium text-brand-700 hover:underline">
                    Register again
                  </Link>{" "}
                  while seats last.
                </p>
              )}
            </div>
          )}
        </section>

        <div className="flex flex-col gap-2 sm:flex-row">
          {!eventCancelled && ticket.status !== "cancelled" && (
            <a href={`${here}/event.ics`} download={`${event.slug}.ics`} className={buttonClass("secondary", "flex-1")}>
              Add to calendar
            </a>
          )}
          <Link href={`/e/${event.slug}`} className={buttonClass("ghost", "flex-1")}>
            Event details
          </Link>
        </div>
      </div>
      {canCancel && (
        <div className="border-t border-slate-100 px-5 py-4 text-center sm:px-6">
          <Link href={`${here}/cancel`} className="text-sm font-medium text-red-700 hover:underline">
            Cancel my registration
          </Link>
        </div>
      )}
    </TicketShell>
  );
}
