import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { eventWhen } from "@/components/events/event-time";
import { TicketShell } from "@/components/tickets/ticket-shell";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { ticketByToken } from "@/lib/events/public";
import { cancelTicketAction } from "../actions";

export const metadata: Metadata = { title: "Cancel your registration", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** The confirmation step of the cancel link: nothing changes until the attendee presses the button. */
export default async function CancelTicketPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ticket = await ticketByToken(token);
  if (!ticket) notFound();
  const { event } = ticket;
  const here = `/t/${ticket.ticketToken}`;
  const ended = Date.parse(event.endsAt) <= Date.now();
  const cancellable = ticket.status !== "cancelled" && event.status !== "cancelled" && !ended;

  return (
    <TicketShell organizationName={event.organizationName}>
      <div className="flex flex-col gap-4 p-5 sm:p-6">
        {cancellable ? (
          <>
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">Cancel your registration?</h1>
            <p className="text-sm text-slate-600">
              <strong className="font-medium text-slate-900">{ticket.name}</strong>, you are{" "}
              {ticket.status === "waitlisted" ? `#${ticket.waitlistPosition ?? "?"} on the waitlist for` : "registered for"}{" "}
              <strong className="font-medium text-slate-900">{event.title}</strong> on {eventWhen(event.startsAt, event.endsAt, event.timezone)}.
            </p>
            <p className="text-sm text-slate-600">
              {ticket.status === "confirmed"
                ? "Your seat goes to the next person on the waitlist. If you change your mind later, you can register again while seats last."
                : "You leave the waitlist. If you change your mind later, you can register again, at the end of the line."}
            </p>
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-start">
              <Link href={here} className={buttonClass("secondary", "sm:flex-1")}>
                Keep my registration
              </Link>
              <ActionForm action={cancelTicketAction} hidden={{ token: ticket.ticketToken }} submit="Yes, cancel it" pendingLabel="Cancelling…" variant="danger" className="flex flex-col gap-2 sm:flex-1 [&>button]:w-full" />
            </div>
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">
              {ticket.status === "cancelled" ? "This registration is already cancelled" : event.status === "cancelled" ? "This event has been cancelled" : "This event is over"}
            </h1>
            <p className="text-sm text-slate-600">There is nothing to cancel.</p>
            <Link href={here} className={buttonClass("secondary")}>
              Back to the ticket
            </Link>
          </>
        )}
      </div>
    </TicketShell>
  );
}
