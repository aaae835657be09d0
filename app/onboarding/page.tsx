import type { Metadata } from "next";
import Link from "next/link";
import { OrganizationForm } from "@/components/dashboard/organization-form";
import { requireUser } from "@/lib/auth/session";
import { listOrganizations } from "@/lib/organizations/service";
import { TIME_ZONES } from "@/lib/time";
import { OnboardingSteps } from "./steps";

export const metadata: Metadata = { title: "Create your organization" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const existing = await listOrganizations(user.id);
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-white px-4 py-12">
      <main className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <OnboardingSteps current={1} />
        <p className="mt-3 text-sm font-medium text-brand-700">Welcome, {user.name}</p>
        <h1 className="mt-1 mb-1 text-xl font-semibold text-slate-900">Create your organization</h1>
        <p className="mb-5 text-sm text-slate-600">Events, attendees and your team live in an organization. You can invite teammates next.</p>
        <OrganizationForm timezones={TIME_ZONES} />
        {existing.length > 0 && (
          <p className="mt-4 text-center text-sm text-slate-600">
            <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
              Back to the dashboard
            </Link>
          </p>
        )}
      </main>
    </div>
  );
}
