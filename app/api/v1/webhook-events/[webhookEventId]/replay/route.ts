import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, webhookEventSchema } from "@/lib/api/schemas";
import { replayWebhookEvent } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/webhook-events/{webhookEventId}/replay",
    tag: "Webhooks",
    summary: "Process a stored delivery again",
    description: "Puts the delivery back to `received` and processes it in the background. Processing is idempotent: nothing that already happened happens twice. 409 `webhook_in_progress` while it is being processed, 409 `webhook_purged` after the retention period.",
    access: "webhooks.replay",
    params: z.object({ webhookEventId: idOf("whk") }),
    response: one(webhookEventSchema),
    status: 202,
  },
  async ({ principal, params }) => ({ data: await replayWebhookEvent(principal, params.webhookEventId) }),
);
