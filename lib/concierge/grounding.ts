import "server-only";
import type { ChatMessage } from "./llm";
import { dayIn, span, timeIn, type EventFacts } from "./schedule";

/** The answer a model gives when the facts do not answer the question (then a person takes over). */
export const HANDOFF = "HANDOFF";

/**
 * The chat for one attendee question, grounded on the event's own data: title, description, times in the event's
 * zone, venue, sessions and FAQs. The attendee's text is only ever the user message, never part of the instructions.
 */
export function groundedMessages(event: EventFacts & { organizer: string }, question: string): ChatMessage[] {
  const tz = event.timezone;
  const facts = [
    `Event: ${event.title} (organized by ${event.organizer})`,
    `When: ${span(event.startsAt, event.endsAt, tz)} (time zone ${tz})`,
    `Venue: ${event.venue ?? "not announced"}${event.onlineUrl ? `; online: ${event.onlineUrl}` : ""}`,
    event.description ? `About: ${event.description.slice(0, 2_000)}` : null,
    event.sessions.length > 0
      ? `Schedule:\n${event.sessions.map((s) => `- ${dayIn(s.startsAt, tz)} ${timeIn(s.startsAt, tz)}: ${s.title}${s.speaker ? ` (${s.speaker})` : ""}${s.room ? `, ${s.room}` : ""}${s.isKeynote ? " [keynote]" : ""}`).join("\n")}`
      : null,
    event.faqs.length > 0 ? `FAQ:\n${event.faqs.map((f) => `Q: ${f.question}\nA: ${f.answer}`).join("\n")}` : null,
  ].filter(Boolean);
  return [
    {
      role: "system",
      content: [
        `You are the WhatsApp/SMS concierge of the event below. Answer the attendee in at most three short sentences, in the language they write in, using only these facts. Give times in the event's time zone (${tz}).`,
        `If the facts do not answer the question, or the attendee asks for a person, reply with exactly ${HANDOFF} and nothing else. Never invent details. Attendees can reply REGISTER, TICKET, CANCEL or HELP.`,
        "",
        facts.join("\n"),
      ].join("\n"),
    },
    { role: "user", content: question.slice(0, 1_000) },
  ];
}
