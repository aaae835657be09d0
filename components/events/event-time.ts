import { dateTimeFormat } from "@/lib/time";

/** Human-facing times, always in the event's IANA time zone (rendered on the server, so no hydration drift). */
const LOCALE = "en-GB"; // as the emails, the SMS replies and the dashboard: 24-hour times, day before month

/** "Tuesday, 2 June 2026, 09:00–17:30 CEST" (a multi-day event shows both dates). */
export function eventWhen(startsAt: string, endsAt: string, timeZone: string): string {
  const format = dateTimeFormat(LOCALE, { timeZone, weekday: "long", month: "long", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

/** "09:00–09:45" for a schedule slot. */
export function sessionTime(startsAt: string, endsAt: string, timeZone: string): string {
  return dateTimeFormat(LOCALE, { timeZone, hour: "numeric", minute: "2-digit" }).formatRange(new Date(startsAt), new Date(endsAt));
}

/** "Tue 2 Jun" — the day heading of a multi-day schedule. */
export function dayLabel(iso: string, timeZone: string): string {
  return dateTimeFormat(LOCALE, { timeZone, weekday: "short", month: "short", day: "numeric" }).format(new Date(iso));
}

/** "1 Jun 2026, 18:00 CEST" for deadlines and check-in times (zones outside Europe read "GMT-4"; the long name is beside it). */
export function moment(iso: string, timeZone: string): string {
  return dateTimeFormat(LOCALE, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) + " " + zoneAbbreviation(iso, timeZone);
}

function zoneAbbreviation(iso: string, timeZone: string): string {
  return dateTimeFormat(LOCALE, { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** "Central European Summer Time (Europe/Berlin)" — the zone label shown beside the times. */
export function zoneLabel(iso: string, timeZone: string): string {
  const long = dateTimeFormat(LOCALE, { timeZone, timeZoneName: "long" }).formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName")?.value;
  return long && long !== timeZone ? `${long} (${timeZone})` : timeZone;
}
