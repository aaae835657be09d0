import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EventFacts } from "@/components/events/event-facts";
import { eventWhen } from "@/components/events/event-time";
import { FaqList } from "@/components/events/faq-list";
import { RegistrationPanel } from "@/components/events/registration-panel";
import { Schedule } from "@/components/events/schedule";
import { buttonClass } from "@/components/ui/button-class";
import { env } from "@/lib/env";
import { publicEvent, registrationState } from "@/lib/events/public";
import { registerAction } from "./actions";

type Props = { params: Promise<{ slug: string }> };

// Served from cache: the event (with its seats) is cached under the tag event:<slug>, which every change refreshes
// (lib/events/public.ts); 60 s is the longest a change made outside a request (a job) takes to show.
export const revalidate = 60;
/** No event is rendered at build time; each is rendered on its first visit, then served from cache. */
export function generateStaticParams(): { slug: string }[] {
  return [];
}
const getEvent = cache(async (slug: string) => publicEvent(slug));

function summary(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const event = await getEvent(slug);
  if (!event) return { title: "Event not found", robots: { index: false } };
  const when = eventWhen(event.startsAt, event.endsAt, event.timezone);
  const where = event.venue ?? (event.onlineUrl ? "Online" : null);
  const description = summary([event.status === "cancelled" ? "Cancelled." : null, `${when}${where ? ` · ${where}` : ""}.`, event.description].filter(Boolean).join(" "));
  const url = new URL(`/e/${event.slug}`, env.APP_URL).toString();
  return {
    title: event.title,
    description,
    alternates: { canonical: url },
    openGraph: { type: "website", url, title: event.title, description, siteName: event.organizationName },
    twitter: { card: "summary", title: event.title, description },
    ...(event.status === "cancelled" ? { robots: { index: false } } : {}),
  };
}

export default async function EventPage({ params }: Props) {
  const { slug } = await params;
  const event = await getEvent(slug);
  if (!event) notFound();
  const now = new Date();
  const state = registrationState(event, now);
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50/60">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <span className="truncate text-sm font-semibold text-slate-700">{event.organizationName}</span>
          <span className="shrink-0 text-xs text-slate-600">
            Registration by <span className="font-semibold text-brand-700">Eventline</span>
          </span>
        </div>
      </header>

      {event.status === "cancelled" && (
        <div role="status" className="border-b border-red-200 bg-red-50" data-testid="cancelled-banner">
          <p className="mx-auto max-w-5xl px-4 py-3 text-sm font-medium text-red-800">This event has been cancelled.</p>
        </div>
      )}

      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-5xl px-4 pt-10 pb-8 sm:pt-14">
          <h1 className={`max-w-3xl text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl ${event.status === "cancelled" ? "text-slate-500 line-through decoration-2" : ""}`}>{event.title}</h1>
          <div className="mt-6">
            <EventFacts event={event} />
          </div>
          {(state === "open" || state === "full") && (
            <a href="#register" className={buttonClass("primary", "mt-6 px-5 py-2.5 lg:hidden")}>
              {state === "full" ? "Join the waitlist" : "Register"}
            </a>
          )}
        </div>
      </section>

      <main className="mx-auto grid w-full max-w-5xl flex-1 gap-10 px-4 pt-4 pb-16 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-10">
          {event.description && (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading" className="mb-3 text-xl font-semibold tracking-tight">About</h2>
              <p className="leading-7 break-words whitespace-pre-line text-slate-700">{event.description}</p>
            </section>
          )}
          {event.sessions.length > 0 && (
            <section aria-labelledby="schedule-heading">
              <h2 id="schedule-heading" className="mb-3 text-xl font-semibold tracking-tight">Schedule</h2>
              <Schedule sessions={event.sessions} timezone={event.timezone} />
            </section>
          )}
          {event.faqs.length > 0 && (
            <section aria-labelledby="faq-heading">
              <h2 id="faq-heading" className="mb-3 text-xl font-semibold tracking-tight">Questions people ask</h2>
              <FaqList faqs={event.faqs} />
            </section>
          )}
        </div>
        <aside className="lg:sticky lg:top-6 lg:self-start">
          <RegistrationPanel event={event} action={registerAction.bind(null, event.slug)} now={now} />
        </aside>
      </main>

      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-slate-500">
          Organized by {event.organizationName}. Registration by Eventline.
        </div>
      </footer>
    </div>
  );
}
