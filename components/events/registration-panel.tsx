import { Badge } from "@/components/ui/feedback";
import type { ActionResult } from "@/lib/actions/action";
import { registrationState, type PublicEvent } from "@/lib/events/public";
import { moment } from "./event-time";
import { RegistrationForm } from "./registration-form";

/** The registration card: the form while registration is open (or full → waitlist), else why there is none. */
export function RegistrationPanel({ event, action, now }: { event: PublicEvent; action: (previous: ActionResult, form: FormData) => Promise<ActionResult>; now: Date }) {
  const state = registrationState(event, now);
  return (
    <section id="register" aria-labelledby="register-heading" className="scroll-mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6" data-testid="registration">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id="register-heading" className="text-lg font-semibold text-slate-900">
          {state === "full" ? "Join the waitlist" : "Register"}
        </h2>
        {state === "open" && (
          <Badge tone={event.seatsLeft <= 10 ? "amber" : "emerald"}>
            <span data-testid="seats-left">{event.seatsLeft === 1 ? "1 seat left" : `${event.seatsLeft} seats left`}</span>
          </Badge>
        )}
        {state === "full" && <Badge tone="amber">Full</Badge>}
      </div>
      {state === "open" || state === "full" ? (
        <>
          {state === "full" && <p className="mb-4 text-sm text-slate-600">Every seat is taken. Join the waitlist: if a seat frees up, it goes to the next person in line and we email you.</p>}
          <RegistrationForm action={action} questions={event.questions} full={state === "full"} />
        </>
      ) : state === "not_open" ? (
        <p className="text-sm text-slate-600">
          Registration opens on <strong className="font-medium text-slate-900">{moment(event.registrationOpensAt!, event.timezone)}</strong>. Come back then.
        </p>
      ) : state === "closed" ? (
        <p className="text-sm text-slate-600">Registration for this event is closed.</p>
      ) : (
        <p className="text-sm text-slate-600">This event has been cancelled, so registration is closed.</p>
      )}
    </section>
  );
}
