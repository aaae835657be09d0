/**
 * Time zone helpers: the database stores instants (UTC); people read and type wall-clock times in the event's IANA
 * zone. No dependency: Intl knows every zone's offsets.
 */

import { z } from "zod";
import { listTimeZones } from "./time-zones";

/** Every IANA zone this runtime knows under its current name, plus "UTC" (which Intl lists under Etc/). Computed once. */
export const TIME_ZONES: readonly string[] = listTimeZones();
// Valid: the listed names and the older ones Intl still uses (lib/time-zones.ts), which organizations may have stored.
const ZONES = new Set([...TIME_ZONES, ...Intl.supportedValuesOf("timeZone")]);
export const timeZoneSchema = z.string().refine((tz) => ZONES.has(tz), "Unknown time zone.");

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A shared Intl.DateTimeFormat per locale and options. Constructing one costs far more than using it (7% of the
 * public event page's CPU in a profile), and pages format many times in the same zone.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size > 1_000) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** The zone's offset from UTC, in minutes, at an instant (e.g. +60 for Berlin in winter). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    dateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** A wall-clock time in a zone ("2026-06-01T09:00") → the instant. Times skipped by a DST jump move forward. */
export function zonedToUtc(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`Not a local date-time: ${local}`);
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = naive - offsetMinutes(timeZone, new Date(naive)) * 60_000;
  guess = naive - offsetMinutes(timeZone, new Date(guess)) * 60_000; // second pass settles DST edges
  return new Date(guess);
}

/** The instant as a wall-clock value for <input type="datetime-local"> in a zone. */
export function utcToZonedInput(at: Date, timeZone: string): string {
  const shifted = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** "Mon, 1 Jun 2026, 09:00 CEST" in the zone. */
export function formatInZone(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return dateTimeFormat("en-GB", { ...options, timeZone }).format(at);
}
