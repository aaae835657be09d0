import "server-only";
import { formatInZone } from "@/lib/time";

/**
 * Answers about the schedule and the place, from the event's own rows, every time in the event's IANA zone
 * ("Sat 19 Dec, 09:00 CET"), never the server's.
 */
export type EventFacts = {
  title: string;
  description: string;
  venue: string | null;
  onlineUrl: string | null;
  timezone: string;
  startsAt: Date;
  endsAt: Date;
  sessions: { title: string; speaker: string | null; room: string | null; startsAt: Date; endsAt: Date; isKeynote: boolean }[];
  faqs: { question: string; answer: string }[];
};
type Session = EventFacts["sessions"][number];

/** "Sat 19 Dec" in the zone. */
export const dayIn = (at: Date, timeZone: string) => formatInZone(at, timeZone, { weekday: "short", day: "numeric", month: "short" });
/** "09:00 CET" in the zone. */
export const timeIn = (at: Date, timeZone: string) => formatInZone(at, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
const clock = (at: Date, timeZone: string) => formatInZone(at, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const sameDay = (a: Date, b: Date, timeZone: string) => dayIn(a, timeZone) === dayIn(b, timeZone);

/** "Sat 19 Dec, 09:00–17:00 CET" (or both days when it spans several). */
export function span(from: Date, to: Date, timeZone: string): string {
  return sameDay(from, to, timeZone)
    ? `${dayIn(from, timeZone)}, ${clock(from, timeZone)}–${timeIn(to, timeZone)}`
    : `${dayIn(from, timeZone)}, ${timeIn(from, timeZone)} – ${dayIn(to, timeZone)}, ${timeIn(to, timeZone)}`;
}

const where = (s: Session) => [s.room && `in ${s.room}`, s.speaker && `with ${s.speaker}`].filter(Boolean).join(", ");
const describe = (s: Session, timeZone: string) => `"${s.title}" starts ${dayIn(s.startsAt, timeZone)} at ${timeIn(s.startsAt, timeZone)}${where(s) ? ` ${where(s)}` : ""} (until ${clock(s.endsAt, timeZone)}).`;

export function keynoteAnswer(event: EventFacts): string {
  const keynotes = event.sessions.filter((s) => s.isKeynote);
  if (keynotes.length === 0) return `${event.title} has no keynote in its schedule. The event starts ${dayIn(event.startsAt, event.timezone)} at ${timeIn(event.startsAt, event.timezone)}.`;
  return keynotes.map((s) => `The keynote ${describe(s, event.timezone)}`).join(" ");
}

export function eventTimeAnswer(event: EventFacts): string {
  return `${event.title} runs ${span(event.startsAt, event.endsAt, event.timezone)}.${event.venue ? ` Venue: ${event.venue}.` : ""}`;
}

export function venueAnswer(event: EventFacts): string {
  if (event.venue && event.onlineUrl) return `${event.title} takes place at ${event.venue}, and online at ${event.onlineUrl}.`;
  if (event.venue) return `${event.title} takes place at ${event.venue}.`;
  if (event.onlineUrl) return `${event.title} is online: ${event.onlineUrl}`;
  return `The organizers have not announced the venue of ${event.title} yet.`;
}

export function agendaAnswer(event: EventFacts): string {
  const tz = event.timezone;
  if (event.sessions.length === 0) return eventTimeAnswer(event);
  const lines = event.sessions.map((s) => `${clock(s.startsAt, tz)} ${s.title}${s.speaker ? ` (${s.speaker})` : ""}${s.room ? ` – ${s.room}` : ""}`);
  return `${event.title}, ${dayIn(event.startsAt, tz)} (times ${timeIn(event.startsAt, tz).split(" ").slice(1).join(" ") || tz}):\n${lines.join("\n")}`;
}

const IGNORED = new Set(["the", "a", "an", "of", "on", "in", "at", "for", "to", "and", "session", "talk", "start", "starts", "begin"]);
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !IGNORED.has(w));

/**
 * The session a subject names ("waitlists that feel fair", "lunch", "the workshop"): the best word overlap, at
 * least half of the subject's words. The event's own title means the event.
 */
export function sessionTimeAnswer(event: EventFacts, subject: string): string | null {
  const wanted = words(subject);
  if (wanted.length === 0) return null;
  const overlap = (title: string) => {
    const have = new Set(words(title));
    return wanted.filter((w) => have.has(w) || [...have].some((h) => h.length > 3 && w.length > 3 && (h.startsWith(w) || w.startsWith(h)))).length / wanted.length;
  };
  if (overlap(event.title) >= 0.99) return eventTimeAnswer(event);
  let best: { session: Session; score: number } | null = null;
  for (const session of event.sessions) {
    const score = overlap(session.title) + (session.speaker ? overlap(session.speaker) * 0.5 : 0);
    if (!best || score > best.score) best = { session, score };
  }
  return best && best.score >= 0.5 ? describe(best.session, event.timezone) : null;
}
