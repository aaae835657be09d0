import { route } from "@/lib/api/route";
import { receiveWebhook } from "@/lib/webhooks/inbox";
import { shopify } from "@/lib/webhooks/providers/shopify";

export const dynamic = "force-dynamic";

/** Shopify order webhooks (HMAC-signed): verified, stored, acknowledged, processed by a job (lib/webhooks). */
export const POST = route((request) => receiveWebhook(shopify, request));
