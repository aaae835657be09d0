import type { Metadata } from "next";
import Link from "next/link";
import { OrganizationForm } from "@/components/dashboard/organization-form";
import { requireUser } from "@/lib/auth/session";
import { listOrganizations } from "@/lib/organizations/service";
import { TIME_ZONES } from "@/lib/time";
import { OnboardingShell } from "./shell";

export const metadata: Metadata = { title: "Create your organization" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const existing = await listOrganizations(user.id);
  return (
    <OnboardingShell step={1}>
      <p className="mt-3 text-sm font-medium text-brand-700">Welcome, {user.name}</p>
      <h1 className="mt-1 mb-1 text-xl font-semibold text-slate-900">Create your organization</h1>
      <p className="mb-5 text-sm text-slate-600">Events, attendees and your team live in an organization. Next comes your first event; you can invite teammates from the dashboard.</p>
      <OrganizationForm timezones={TIME_ZONES} />
      {existing.length > 0 && (
        <p className="mt-4 text-center text-sm text-slate-600">
          <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
            Back to the dashboard
          </Link>
        </p>
      )}
    </OnboardingShell>
  );
}
