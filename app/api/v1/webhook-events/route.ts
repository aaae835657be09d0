import { endpoint } from "@/lib/api/endpoint";
import { list, webhookEventSchema } from "@/lib/api/schemas";
import { listWebhookEvents, listWebhookEventsQuery } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/webhook-events",
    tag: "Webhooks",
    summary: "The organization's webhook inbox, newest first",
    description: "Deliveries from Twilio, Resend and Shopify filed under this organization. Filter by provider, status or topic.",
    access: "webhooks.read",
    query: listWebhookEventsQuery,
    response: list(webhookEventSchema),
  },
  async ({ principal, query }) => listWebhookEvents(principal, query),
);
