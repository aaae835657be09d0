/**
 * A calendar invite for one event as an RFC 5545 iCalendar object (METHOD:PUBLISH: a download, not a meeting
 * request). Hand-written: CRLF line endings, TEXT values escaped (§3.3.11), lines folded at 75 octets without
 * splitting a UTF-8 character (§3.1), times in UTC (`YYYYMMDDTHHMMSSZ`, §3.3.5).
 */
export type IcsEvent = {
  /** Stable across downloads and updates, so calendars replace the entry instead of adding a second one. */
  uid: string;
  title: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  startsAt: Date;
  endsAt: Date;
  organizerName?: string | null;
  /** ORGANIZER needs an address (a cal-address is a URI); without one the organizer is left out. */
  organizerEmail?: string | null;
  /** Raise it when the event changes, so calendars that already hold it take the update. */
  sequence?: number;
  status?: "CONFIRMED" | "CANCELLED";
  /** DTSTAMP: when this object was created. */
  now?: Date;
};

const CRLF = "\r\n";

/** `20260601T080000Z` */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** TEXT value: backslash, semicolon and comma escaped; any newline becomes `\n`. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value (CN=…): quoted, since it may hold `:;,`; DQUOTE and control characters cannot appear at all. */
const paramValue = (value: string) => `"${value.replace(/["\p{Cc}]/gu, "")}"`;

/** Folds a content line: at most 75 octets per line, continuation lines start with one space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = lines.length === 0 ? 75 : 74; // a continuation line's leading space is one of its 75
    if (octets + size > limit) {
      lines.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

export function eventIcs(event: IcsEvent): string {
  const uri = (value: string) => value.replace(/[\r\n]/g, "");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Eventline//Eventline//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${icsUtc(event.now ?? new Date())}`,
    `DTSTART:${icsUtc(event.startsAt)}`,
    `DTEND:${icsUtc(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${uri(event.url)}`] : []),
    ...(event.organizerEmail
      ? [`ORGANIZER${event.organizerName ? `;CN=${paramValue(event.organizerName)}` : ""}:mailto:${uri(event.organizerEmail)}`]
      : []),
    `SEQUENCE:${event.sequence ?? 0}`,
    `STATUS:${event.status ?? "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The invite an attendee gets for their ticket (attached to the confirmation and promotion emails). */
export function ticketInvite(input: {
  event: { id: string; title: string; description: string; venue: string | null; onlineUrl: string | null; startsAt: Date; endsAt: Date };
  organizerName: string;
  ticketUrl: string;
  cancelled?: boolean;
}): string {
  const { event } = input;
  return eventIcs({
    // One UID per event (not per ticket): a re-download or an updated invite replaces the calendar entry.
    uid: `${event.id}@eventline`,
    title: event.title,
    description: [event.description.trim(), event.onlineUrl ? `Join online: ${event.onlineUrl}` : "", `Your ticket: ${input.ticketUrl}`].filter(Boolean).join("\n\n"),
    location: event.venue ?? event.onlineUrl,
    url: input.ticketUrl,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    organizerName: input.organizerName,
    ...(input.cancelled ? { status: "CANCELLED" as const, sequence: 1 } : {}),
  });
}
