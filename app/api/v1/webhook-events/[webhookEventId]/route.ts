import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, webhookEventDetailSchema } from "@/lib/api/schemas";
import { getWebhookEvent } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/webhook-events/{webhookEventId}",
    tag: "Webhooks",
    summary: "One webhook delivery with its payload",
    description: "Headers and raw body as received, with signatures and account ids masked. Empty after the retention period (`purgedAt`).",
    access: "webhooks.read",
    params: z.object({ webhookEventId: idOf("whk") }),
    response: one(webhookEventDetailSchema),
  },
  async ({ principal, params }) => ({ data: await getWebhookEvent(principal, params.webhookEventId) }),
);
