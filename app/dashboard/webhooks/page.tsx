import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { WebhookFilterForm } from "@/components/webhooks/webhook-filters";
import { WebhookInbox } from "@/components/webhooks/webhook-inbox";
import { PROVIDER_OPTIONS, STATUS_OPTIONS, TOPIC_OPTIONS, type WebhookFilters } from "@/components/webhooks/types";
import { Card, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { makeQueryClient } from "@/lib/query/options";
import { queryKeys } from "@/lib/query/keys";
import { listWebhookEvents } from "@/lib/webhooks/service";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Webhooks" };

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "webhooks.read")) return forbiddenPage("webhooks");
  const params = await searchParams;
  const filters: WebhookFilters = Object.fromEntries(
    Object.entries({ provider: pick(params.provider, PROVIDER_OPTIONS), status: pick(params.status, STATUS_OPTIONS), topic: pick(params.topic, TOPIC_OPTIONS) }).filter(([, v]) => v),
  );

  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    queryKey: queryKeys.webhookEvents(filters),
    queryFn: async () => listWebhookEvents(caller, { limit: 100, ...filters } as Parameters<typeof listWebhookEvents>[1]),
  });

  return (
    <>
      <PageHeader title="Webhooks" description="Deliveries from Twilio, Resend and Shopify filed under this organization: stored first, then processed in the background." />
      <div className="grid gap-6">
        <Card>
          <WebhookFilterForm filters={filters} />
        </Card>
        <Card>
          <HydrationBoundary state={dehydrate(queryClient)}>
            <WebhookInbox filters={filters} timezone={organization.timezone} canReplay={can(organization.role, "webhooks.replay")} />
          </HydrationBoundary>
        </Card>
      </div>
    </>
  );
}
