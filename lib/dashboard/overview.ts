import "server-only";
import { requirePermission, allowed, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { eventDto, type EventDto } from "@/lib/events/service";
import { dateTimeFormat } from "@/lib/time";

/**
 * The dashboard overview's numbers for one organization, in a handful of aggregate queries (no rows of people are
 * read): registration counts by state, registrations per day over the last `days` days in the organization's time
 * zone, inbound messages over the same window, conversations waiting for a person, and the next events.
 */
export type Overview = {
  totals: { confirmed: number; waitlisted: number; checkedIn: number; cancelled: number; recent: number };
  /** One entry per day, oldest first, `days` long (days without registrations count 0). `date` is YYYY-MM-DD. */
  perDay: { date: string; count: number }[];
  /** null when the caller may not read conversations. */
  messages: { inbound: number; needsHuman: number } | null;
  upcoming: EventDto[];
  eventCount: number;
  timezone: string;
  days: number;
};

const DAY = 86_400_000;

export async function getOverview(caller: Caller, options: { timezone: string; days?: number; now?: Date }): Promise<Overview> {
  requirePermission(caller, "events.read");
  const days = options.days ?? 30;
  const now = options.now ?? new Date();
  const { timezone } = options;
  const organizationId = caller.organizationId;
  // The window starts at local midnight `days - 1` days ago, so today is the last bar and every bar is a whole day.
  const today = localDate(now, timezone);
  const dates = Array.from({ length: days }, (_, i) => new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1 - i) * DAY).toISOString().slice(0, 10));
  // Wide enough for any zone (±14 h); days before the window are dropped when the series is built.
  const since = new Date(now.getTime() - (days + 1) * DAY);
  const seesConversations = allowed(caller, "conversations.read");

  const [[totals], perDay, upcoming, eventCount, inbound, needsHuman] = await Promise.all([
    db.$queryRaw<{ confirmed: bigint; waitlisted: bigint; checked_in: bigint; cancelled: bigint }[]>`
      SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed,
             count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted,
             count(*) FILTER (WHERE status = 'confirmed' AND "checkedInAt" IS NOT NULL) AS checked_in,
             count(*) FILTER (WHERE status = 'cancelled') AS cancelled
      FROM registrations WHERE "organizationId" = ${organizationId}`,
    db.$queryRaw<{ day: string; count: bigint }[]>`
      SELECT to_char(d, 'YYYY-MM-DD') AS day, count(*) AS count
      FROM (SELECT (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone})::date AS d
            FROM registrations WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${since}) AS r
      GROUP BY d`,
    db.event.findMany({ where: { organizationId, endsAt: { gte: now }, status: { not: "cancelled" } }, orderBy: [{ startsAt: "asc" }, { id: "asc" }], take: 5 }),
    db.event.count({ where: { organizationId } }),
    seesConversations ? db.conversationMessage.count({ where: { organizationId, direction: "inbound", createdAt: { gte: new Date(now.getTime() - days * DAY) } } }) : null,
    seesConversations ? db.conversation.count({ where: { organizationId, needsHuman: true } }) : null,
  ]);

  const byDay = new Map(perDay.map((row) => [row.day, Number(row.count)]));
  const series = dates.map((date) => ({ date, count: byDay.get(date) ?? 0 }));
  return {
    totals: {
      confirmed: Number(totals?.confirmed ?? 0),
      waitlisted: Number(totals?.waitlisted ?? 0),
      checkedIn: Number(totals?.checked_in ?? 0),
      cancelled: Number(totals?.cancelled ?? 0),
      recent: series.reduce((sum, d) => sum + d.count, 0),
    },
    perDay: series,
    messages: inbound === null || needsHuman === null ? null : { inbound, needsHuman },
    upcoming: upcoming.map(eventDto),
    eventCount,
    timezone,
    days,
  };
}

/** YYYY-MM-DD of an instant in a zone. */
function localDate(at: Date, timeZone: string): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
