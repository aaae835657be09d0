import "server-only";
import { revalidateTag, unstable_cache } from "next/cache";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * What the public sees of an event (/e/<slug>) and of a ticket (/t/<token>). Nothing here is tenant-scoped by a
 * caller: these shapes are public by design, so they carry only what an attendee may see — never registrations,
 * emails, phone numbers, answers or organization ids.
 *
 * Caching: the event's content (text, schedule, FAQs, questions) is cached with `unstable_cache` under the tag
 * `event:<slug>` and refreshed by revalidatePublicEvent() when an organizer changes it. The seat count and status are
 * NOT cached: they change with every registration, cancellation and promotion from any channel (web, WhatsApp, API,
 * jobs), and revalidating the page on each of them would empty the cache exactly when traffic peaks (a registration
 * rush). They come from one primary-key-cheap lookup of the event row by its unique slug, per request.
 * Times are ISO strings: the cache stores JSON.
 */
export type PublicSession = { id: string; title: string; speaker: string | null; room: string | null; startsAt: string; endsAt: string; isKeynote: boolean };
export type PublicFaq = { id: string; question: string; answer: string };
export type PublicQuestion = { id: string; label: string; kind: "text" | "choice" | "checkbox"; options: string[]; required: boolean };
export type PublicEventContent = {
  id: string;
  slug: string;
  title: string;
  description: string;
  venue: string | null;
  onlineUrl: string | null;
  timezone: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  organizationName: string;
  sessions: PublicSession[];
  faqs: PublicFaq[];
  questions: PublicQuestion[];
};
export type PublicEvent = PublicEventContent & { status: "published" | "cancelled"; seatsLeft: number };

/** Where registration stands at `now` (the page decides what to show from it). */
export type RegistrationState = "open" | "full" | "not_open" | "closed" | "cancelled";

export function registrationState(event: Pick<PublicEvent, "status" | "seatsLeft" | "registrationOpensAt" | "registrationClosesAt" | "endsAt">, now = new Date()): RegistrationState {
  if (event.status === "cancelled") return "cancelled";
  const at = now.getTime();
  if ((event.registrationClosesAt && at >= Date.parse(event.registrationClosesAt)) || at >= Date.parse(event.endsAt)) return "closed";
  if (event.registrationOpensAt && at < Date.parse(event.registrationOpensAt)) return "not_open";
  return event.seatsLeft > 0 ? "open" : "full";
}

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * What attendees are told about an event — its times, place, organizer, schedule and FAQs, in order: the public page
 * and the concierge (lib/concierge/facts.ts) read the same.
 */
export const eventFactsSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  venue: true,
  onlineUrl: true,
  timezone: true,
  startsAt: true,
  endsAt: true,
  organization: { select: { name: true } },
  sessions: { orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: { id: true, title: true, speaker: true, room: true, startsAt: true, endsAt: true, isKeynote: true } },
  faqs: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, question: true, answer: true } },
} satisfies Prisma.EventSelect;

/** The uncached read: a published or cancelled event's public content, or null (unknown slug, draft). */
export async function loadPublicEventContent(slug: string): Promise<PublicEventContent | null> {
  const event = await db.event.findFirst({
    where: { slug, status: { in: ["published", "cancelled"] } },
    select: {
      ...eventFactsSelect,
      capacity: true,
      registrationOpensAt: true,
      registrationClosesAt: true,
      questions: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, label: true, kind: true, options: true, required: true } },
    },
  });
  if (!event) return null;
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    description: event.description,
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    timezone: event.timezone,
    startsAt: iso(event.startsAt),
    endsAt: iso(event.endsAt),
    capacity: event.capacity,
    registrationOpensAt: isoOrNull(event.registrationOpensAt),
    registrationClosesAt: isoOrNull(event.registrationClosesAt),
    organizationName: event.organization.name,
    sessions: event.sessions.map((s) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
    faqs: event.faqs,
    questions: event.questions.map((q) => ({ ...q, options: Array.isArray(q.options) ? q.options.map(String) : [] })),
  };
}

/** The live part: status and seats, read on every request. */
export async function liveEventState(slug: string): Promise<{ id: string; status: "draft" | "published" | "cancelled"; seatsLeft: number } | null> {
  const row = await db.event.findUnique({ where: { slug }, select: { id: true, status: true, capacity: true, confirmedCount: true } });
  return row ? { id: row.id, status: row.status, seatsLeft: Math.max(0, row.capacity - row.confirmedCount) } : null;
}

export const publicEventTag = (slug: string) => `event:${slug}`;

/** The public event, read fresh: content plus status and seats; null for unknown slugs and drafts. */
export async function loadPublicEvent(slug: string): Promise<PublicEvent | null> {
  const [content, live] = await Promise.all([loadPublicEventContent(slug), liveEventState(slug)]);
  if (!content || !live || live.status === "draft" || live.id !== content.id) return null;
  return { ...content, status: live.status, seatsLeft: live.seatsLeft };
}

/**
 * The public event at /e/<slug>, cached whole (content, status and seats) under the tag `event:<slug>`: the page is
 * served from cache and rendered again only when something changes. Every change refreshes the tag — organizer edits
 * (lib/events/service.ts) and every registration, cancellation and promotion (lib/registrations/service.ts) — and a
 * change made outside a request (a job) shows within the page's 60 s revalidation.
 */
export async function publicEvent(slug: string): Promise<PublicEvent | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  return unstable_cache(() => loadPublicEvent(slug), ["public-event-v2", slug], { tags: [publicEventTag(slug)], revalidate: 60 })();
}

/**
 * Refreshes the cached public page of an event. Call it after a change commits, with every slug the event had
 * (old and new when the slug changes). Outside a Next.js request (tests, scripts, the seed) there is no cache to
 * refresh, and Next throws an invariant error: that case is ignored.
 */
export function revalidatePublicEvent(...slugs: string[]): void {
  for (const slug of new Set(slugs)) {
    try {
      // expire: 0 — the next visitor gets the change (an organizer checking their edit, a cancellation) rather than
      // one more stale render; the read behind it is cheap.
      revalidateTag(publicEventTag(slug), { expire: 0 });
    } catch (error) {
      if (!(error instanceof Error && /Invariant: static generation store missing/.test(error.message))) throw error;
    }
  }
}

export type Ticket = {
  ticketToken: string;
  name: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  /** 1 = next in line; counted live, so it moves up as people ahead are promoted or cancel. */
  waitlistPosition: number | null;
  checkedInAt: string | null;
  event: {
    id: string;
    slug: string;
    title: string;
    description: string;
    venue: string | null;
    onlineUrl: string | null;
    timezone: string;
    startsAt: string;
    endsAt: string;
    status: "draft" | "published" | "cancelled";
    organizationName: string;
  };
};

/** The shape of the tokens registrations hand out (randomToken(32), base62); anything else is not looked up. */
export const TICKET_TOKEN = /^[A-Za-z0-9]{20,64}$/;

/** The ticket behind a token: this registration and its event's summary, nothing of anyone else. Not cached. */
export async function ticketByToken(token: string): Promise<Ticket | null> {
  if (typeof token !== "string" || !TICKET_TOKEN.test(token)) return null;
  const row = await db.registration.findUnique({
    where: { ticketToken: token },
    select: {
      ticketToken: true,
      eventId: true,
      name: true,
      status: true,
      waitlistPosition: true,
      checkedInAt: true,
      event: { select: { id: true, slug: true, title: true, description: true, venue: true, onlineUrl: true, timezone: true, startsAt: true, endsAt: true, status: true, organization: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  let waitlistPosition: number | null = null;
  if (row.status === "waitlisted" && row.waitlistPosition !== null) {
    // Stored positions are handed out in order and never renumbered; the rank is how many wait ahead, plus one.
    waitlistPosition = 1 + (await db.registration.count({ where: { eventId: row.eventId, status: "waitlisted", waitlistPosition: { lt: row.waitlistPosition } } }));
  }
  const { event } = row;
  return {
    ticketToken: row.ticketToken,
    name: row.name,
    status: row.status,
    waitlistPosition,
    checkedInAt: isoOrNull(row.checkedInAt),
    event: {
      id: event.id,
      slug: event.slug,
      title: event.title,
      description: event.description,
      venue: event.venue,
      onlineUrl: event.onlineUrl,
      timezone: event.timezone,
      startsAt: iso(event.startsAt),
      endsAt: iso(event.endsAt),
      status: event.status,
      organizationName: event.organization.name,
    },
  };
}
