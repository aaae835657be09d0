import "server-only";
import { shopifyOrder, type ShopifyOrder } from "@/lib/shopify/orders";
import { jsonBody, UnreadablePayload, type StoredWebhook } from "../handler";

/** The stored body as a Shopify order, or UnreadablePayload naming what is missing (failed, not retried). */
export function shopifyOrderBody(event: StoredWebhook): ShopifyOrder {
  const parsed = shopifyOrder.safeParse(jsonBody(event));
  if (!parsed.success) throw new UnreadablePayload(`The body is not a Shopify order (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}).`);
  return parsed.data;
}
