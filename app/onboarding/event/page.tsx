import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EventForm } from "@/components/dashboard/event-form";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { TIME_ZONES, utcToZonedInput } from "@/lib/time";
import { OnboardingShell } from "../shell";

export const metadata: Metadata = { title: "Create your first event" };

/** Onboarding, step 2: the organization exists; its first event (a draft) is one form away. */
export default async function FirstEventPage() {
  const { organization } = await requireWorkspace("/onboarding/event");
  if (!can(organization.role, "events.manage")) redirect("/dashboard");
  const start = new Date(Date.now() + 30 * 86_400_000);
  const startsLocal = `${utcToZonedInput(start, organization.timezone).slice(0, 10)}T09:00`;
  return (
    <OnboardingShell step={2} wide>
      <h1 className="mt-3 mb-1 text-xl font-semibold text-slate-900">Create your first event</h1>
      <p className="mb-5 text-sm text-slate-600">
        {organization.name} is ready. Your event starts as a draft: next you add the schedule (mark the keynote), FAQs and registration questions, then publish it.
      </p>
      <EventForm timezones={TIME_ZONES} defaultTimezone={organization.timezone} defaults={{ startsLocal, endsLocal: `${startsLocal.slice(0, 10)}T17:00` }} />
      <p className="mt-5 text-center text-sm text-slate-600">
        <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
          Skip for now
        </Link>
      </p>
    </OnboardingShell>
  );
}
