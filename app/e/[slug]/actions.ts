"use server";
import { redirect } from "next/navigation";
import { failure, formObject, type ActionResult } from "@/lib/actions/action";
import { notFound } from "@/lib/api/errors";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { env } from "@/lib/env";
import { requestContext } from "@/lib/auth/session";
import { publicEvent } from "@/lib/events/public";
import { registerForEvent } from "@/lib/registrations/service";
import { requestIdFrom } from "@/lib/request-id";

/**
 * The public registration form. Anyone may call it (the page is public); the service enforces the event's state,
 * capacity and questions. Success → the new ticket. The same email again does NOT lead to the existing ticket: whoever
 * knows an address would otherwise open (and could cancel) someone else's registration.
 */
export async function registerAction(slug: string, _previous: ActionResult, form: FormData): Promise<ActionResult> {
  const submitted = formObject(form);
  const requestId = requestIdFrom(null);
  let ticketToken: string;
  const unanswered: { id: string; label: string }[] = [];
  try {
    // The form is public: at most PUBLIC_REGISTRATIONS_PER_MINUTE (20) registrations a minute from one address (a
    // person registers once or twice). The address is X-Forwarded-For's first entry: the proxy's view of the client,
    // or, with no proxy in front, the socket's address (Next.js sets the header itself).
    const { ip } = await requestContext();
    if (ip) await enforceRateLimit(`register-ip:${ip}`, { limit: env.PUBLIC_REGISTRATIONS_PER_MINUTE, windowSeconds: 60 });
    const event = await publicEvent(slug);
    if (!event) throw notFound("event");
    const answers: Record<string, string | boolean> = {};
    for (const q of event.questions) {
      const raw = submitted[`answers.${q.id}`];
      if (q.kind === "checkbox") answers[q.id] = raw === "on";
      else if (raw !== undefined) answers[q.id] = raw;
      if (q.required && (answers[q.id] === undefined || answers[q.id] === "" || answers[q.id] === false)) unanswered.push(q);
    }
    const { registration, outcome } = await registerForEvent(event.id, { name: submitted.name ?? "", email: submitted.email ?? "", phone: submitted.phone ?? null, answers }, "web");
    if (outcome === "existing") {
      // Not registered again; the form keeps what was typed (the address may be a typo for someone else's).
      const message = "This email address is already registered for this event. Your ticket link is in the confirmation email we sent to it.";
      return { ok: false, code: "already_registered", message, values: submitted };
    }
    ticketToken = registration.ticketToken;
  } catch (error) {
    const result = failure(error, requestId, submitted);
    // The service checks the questions only once name, email and phone pass; show every missing answer at once.
    if (!result.ok && result.fieldErrors) for (const q of unanswered) result.fieldErrors[`answers.${q.id}`] ??= `Answer “${q.label}”.`;
    return result;
  }
  redirect(`/t/${ticketToken}?new=1`);
}
