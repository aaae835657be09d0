import type { Metadata } from "next";
import { signOutEverywhereAction } from "@/app/(auth)/actions";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { PhoneNumberMappings } from "@/components/conversations/phone-number-mappings";
import { phoneNumbersKey } from "@/components/conversations/queries";
import { SettingsForm } from "@/components/dashboard/settings-form";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace, usesClerk } from "@/lib/auth/session";
import { listPhoneNumbers } from "@/lib/concierge/phone-numbers";
import { modes } from "@/lib/env";
import { listEvents } from "@/lib/events/service";
import { makeQueryClient } from "@/lib/query/options";
import { TIME_ZONES } from "@/lib/time";

export const metadata: Metadata = { title: "Settings" };

const MODE_LABELS: Record<string, string> = {
  database: "Database",
  auth: "Sign-in",
  jobs: "Background jobs",
  email: "Email",
  messaging: "SMS / WhatsApp",
  llm: "AI answers",
};

export default async function SettingsPage() {
  const { organization, caller } = await requireWorkspace();
  const manage = can(organization.role, "settings.manage");
  const queryClient = makeQueryClient();
  const events = manage
    ? (
        await Promise.all([
          listEvents(caller, { limit: 200 }),
          queryClient.prefetchQuery({ queryKey: phoneNumbersKey, queryFn: async () => JSON.parse(JSON.stringify(await listPhoneNumbers(caller, { limit: 200 }))) as unknown }),
        ])
      )[0].data
    : [];
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-6">
        <Card title="Organization" description={manage ? "Changes are recorded in the audit log." : "Only owners and admins can change these."}>
          <SettingsForm name={organization.name} timezone={organization.timezone} timezones={TIME_ZONES} disabled={!manage} />
        </Card>
        {manage && (
          <Card title="Phone numbers" description="Which SMS number or WhatsApp sender answers for which event. Messages to a number are answered by the concierge.">
            <HydrationBoundary state={dehydrate(queryClient)}>
              <PhoneNumberMappings events={events.map((e) => ({ id: e.id, title: e.title, cancelled: e.status === "cancelled" }))} />
            </HydrationBoundary>
          </Card>
        )}
        <Card title="How this installation runs" description="Chosen by which provider keys are configured (see README).">
          <dl className="grid gap-2 text-sm sm:grid-cols-2" data-testid="modes">
            {Object.entries(modes).map(([concern, mode]) => (
              <div key={concern} className="flex justify-between gap-4 rounded-lg bg-slate-50 px-3 py-2">
                <dt className="text-slate-600">{MODE_LABELS[concern] ?? concern}</dt>
                <dd className="font-medium text-slate-900">{mode}</dd>
              </div>
            ))}
          </dl>
        </Card>
        {!usesClerk() && (
          <Card title="Sessions" description="Signs you out in every browser and device, including this one.">
            <form action={signOutEverywhereAction}>
              <button type="submit" className={buttonClass("danger")}>
                Sign out everywhere
              </button>
            </form>
          </Card>
        )}
      </div>
    </>
  );
}
