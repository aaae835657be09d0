import { formatInZone } from "@/lib/time";

/** A message time in the given IANA zone: "12 Mar 2026, 09:05 CET"; `short` drops the date for today's messages. */
export function formatWhen(iso: string, timeZone: string, short = false): string {
  const at = new Date(iso);
  if (short && formatInZone(at, timeZone, { dateStyle: "short" }) === formatInZone(new Date(), timeZone, { dateStyle: "short" })) {
    return formatInZone(at, timeZone, { hour: "2-digit", minute: "2-digit" });
  }
  return formatInZone(at, timeZone, short ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
}
