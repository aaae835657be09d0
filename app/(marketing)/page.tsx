import Link from "next/link";
import { connection } from "next/server";
import { buttonClass } from "@/components/ui/button-class";

const features = [
  {
    title: "Registration that never overbooks",
    body: "A public page per event with your schedule, FAQs and custom questions. Full? Attendees join the waitlist and move up automatically.",
  },
  {
    title: "A concierge on WhatsApp and SMS",
    body: "“What time is the keynote?” gets the right answer in the event’s time zone. Attendees register, cancel and get their ticket by message.",
  },
  {
    title: "Reminders that go out on time",
    body: "Confirmations with a QR ticket and calendar invite, reminders a day and an hour before, and a notice if plans change — run by durable jobs.",
  },
  {
    title: "Built for the door and the back office",
    body: "Check people in from a phone, watch registrations arrive live, export CSV, and connect your stack with a versioned REST API and webhooks.",
  },
];

/** Rendered per request, like every page but the public event page: its scripts carry the CSP nonce (proxy.ts). */
export default async function LandingPage() {
  await connection();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-4">
          <span className="text-lg font-semibold tracking-tight text-brand-700">Eventline</span>
          <nav aria-label="Main" className="flex items-center gap-4 text-sm text-slate-600">
            <a href="#features" className="hidden hover:text-slate-900 sm:inline">Features</a>
            <Link href="/docs/api" className="hidden hover:text-slate-900 sm:inline">API</Link>
            <Link href="/sign-in" className="font-medium hover:text-slate-900">Sign in</Link>
          </nav>
        </div>
      </header>

      <main className="flex-1">
        <section className="bg-gradient-to-b from-brand-50 to-white">
          <div className="mx-auto max-w-5xl px-4 py-20 sm:py-28">
            <p className="mb-4 text-sm font-medium uppercase tracking-wider text-brand-600">For event organizers</p>
            <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
              Events people actually show up to.
            </h1>
            <p className="mt-6 max-w-2xl text-lg text-slate-600">
              Eventline handles registrations, tickets and reminders — and answers your attendees on WhatsApp and SMS, so
              your team can focus on the event.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link href="/sign-up" className={buttonClass("primary")}>Create your organization</Link>
              <Link href="/sign-in" className={buttonClass("secondary")}>Sign in</Link>
            </div>
          </div>
        </section>

        <section id="features" aria-labelledby="features-heading" className="mx-auto max-w-5xl px-4 py-16">
          <h2 id="features-heading" className="text-2xl font-semibold tracking-tight">Everything between “save the date” and the door</h2>
          <ul className="mt-8 grid gap-6 sm:grid-cols-2">
            {features.map((feature) => (
              <li key={feature.title} className="rounded-xl border border-slate-200 p-6 shadow-sm">
                <h3 className="font-semibold text-slate-900">{feature.title}</h3>
                <p className="mt-2 text-sm leading-6 text-slate-600">{feature.body}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>

      <footer className="border-t border-slate-200">
        <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-slate-500">
          <span>© Eventline</span>
          <a href="#features" className="hover:text-slate-900">Features</a>
          <Link href="/docs/api" className="hover:text-slate-900">REST API</Link>
        </div>
      </footer>
    </div>
  );
}
