import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { jsonAck, keptHeaders, type Verification, type VerifyInput, type WebhookProvider } from "../provider";
import { webhookSecret } from "../secrets";

/**
 * Shopify's documented HMAC: `X-Shopify-Hmac-Sha256` is base64(HMAC-SHA256(secret, raw body)). Deduplicated on
 * `X-Shopify-Webhook-Id`; the topic is `X-Shopify-Topic` (orders/create, orders/cancelled…). Shopify signs no
 * timestamp (`X-Shopify-Triggered-At` is not covered by the HMAC), so replays are caught by the id dedupe and by the
 * order-level idempotency of the handlers.
 */
export const shopifyHmac = (secret: string, rawBody: string) => createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");

export function verifyShopify({ headers, rawBody, secret }: VerifyInput): Verification {
  const signature = headers.get("x-shopify-hmac-sha256");
  if (!signature) return { ok: false, reason: "missing_signature" };
  const expected = Buffer.from(shopifyHmac(secret, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid_signature" };
  const kept = keptHeaders(headers, ["content-type", "user-agent"], ["x-shopify-"]);
  const externalId = headers.get("x-shopify-webhook-id") ?? `body-${createHash("sha256").update(rawBody).digest("hex")}`;
  const topic = headers.get("x-shopify-topic") ?? "unknown";
  try {
    JSON.parse(rawBody);
  } catch {
    return { ok: true, externalId, topic, headers: kept, unreadable: "The body is not JSON." };
  }
  return { ok: true, externalId, topic, headers: kept };
}

export const shopify: WebhookProvider = { name: "shopify", secret: () => webhookSecret("shopify"), verify: verifyShopify, acknowledge: jsonAck };
