import "server-only";
import { db } from "@/lib/db";
import { eventFactsSelect } from "@/lib/events/public";
import { perProcess } from "@/lib/per-process";
import { invalidatedBy } from "@/lib/realtime/invalidation";
import type { EventFacts } from "./schedule";

/**
 * What the concierge reads for every inbound message but organizers rarely change: which event a number answers for,
 * and that event's facts (title, times, sessions, FAQs, organizer). Both are kept per process for a short while, so a
 * message costs five queries fewer. Every write that changes them publishes a change (lib/realtime/publish.ts): an
 * event's content → "event" (lib/events/service.ts), a number mapping or the organization's name → "organization";
 * every process forgets the entry when it hears it, and serves entries only while it is listening
 * (lib/realtime/invalidation.ts), so an answer never relies on a stale schedule longer than the change takes to arrive.
 * An unmapped number is not kept (the next message looks again).
 */

/** Only what rarely changes: no seat counts (a registration changes those without an "event" change). */
export type ConciergeEvent = EventFacts & { id: string; organizationId: string; slug: string; organizer: string };
export type NumberMapping = { organizationId: string; eventId: string };

/** A backstop only: entries are forgotten when a change is heard, this bounds what a missed notification could cost. */
const KEEP_MS = 60_000;
const MAX_ENTRIES = 10_000;

type Entry<T> = { value: T; organizationId: string; until: number };
const events = perProcess("conciergeEvents", () => new Map<string, Entry<ConciergeEvent>>());
const numbers = perProcess("conciergeNumbers", () => new Map<string, Entry<NumberMapping>>());

// Bumped by every forget: a load that overlapped one is not kept (it may have read what the change replaced).
const epoch = perProcess("conciergeFactsEpoch", () => ({ n: 0 }));
const forgetAll = () => {
  epoch.n++;
  events.clear();
  numbers.clear();
};
const forgetEvent = (eventId: string) => {
  epoch.n++;
  events.delete(eventId);
};
const forgetOrganization = (organizationId: string) => {
  epoch.n++;
  for (const map of [events, numbers] as Map<string, Entry<unknown>>[]) {
    for (const [key, entry] of map) if (entry.organizationId === organizationId) map.delete(key);
  }
};
const hearingEvents = invalidatedBy("conciergeEvents", "event", { forget: forgetEvent, forgetAll });
const hearingOrganizations = invalidatedBy("conciergeOrganizations", "organization", { forget: forgetOrganization, forgetAll });

async function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<{ value: T; organizationId: string } | null>): Promise<T | null> {
  const hit = map.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  // Listening before loading: a change committed after this point is heard (and bumps the epoch).
  const listening = (await hearingEvents()) && (await hearingOrganizations());
  const before = epoch.n;
  const loaded = await load();
  if (!loaded) return null;
  if (listening && epoch.n === before) {
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, { ...loaded, until: Date.now() + KEEP_MS });
  }
  return loaded.value;
}

/** The event a number (E.164, as Twilio's `To`) is mapped to, or null. */
export function numberMapping(number: string): Promise<NumberMapping | null> {
  return cached(numbers, number, async () => {
    const row = await db.phoneNumber.findUnique({ where: { number }, select: { organizationId: true, eventId: true } });
    return row && { value: row, organizationId: row.organizationId };
  });
}

/** The facts the concierge answers from: the event, its sessions in order, its FAQs in order, the organizer's name. */
export async function conciergeEvent(eventId: string): Promise<ConciergeEvent> {
  const event = await cached(events, eventId, async () => {
    const row = await db.event.findUnique({
      where: { id: eventId },
      select: { ...eventFactsSelect, organizationId: true },
    });
    if (!row) return null;
    const { organization, ...facts } = row;
    return { value: { ...facts, organizer: organization.name }, organizationId: row.organizationId };
  });
  if (!event) throw new Error(`Event ${eventId} does not exist.`);
  return event;
}

/** For tests: start from nothing. */
export function forgetConciergeFacts(): void {
  forgetAll();
}
