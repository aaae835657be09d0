import "server-only";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { keptHeaders, type Verification, type VerifyInput } from "../provider";

/**
 * Svix signatures (Clerk and Resend both deliver through Svix): `svix-id`, `svix-timestamp` and `svix-signature`,
 * HMAC-SHA256 over `id.timestamp.body` with the `whsec_` secret, timestamps older or newer than 5 minutes refused.
 * Checked by `standardwebhooks` (the Standard Webhooks reference library that Clerk's and Resend's SDKs use) on the
 * raw body without parsing it, so a correctly signed body that is not JSON is stored and marked failed, not refused.
 */
export function verifySvix({ headers, rawBody, secret }: VerifyInput): Verification {
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing_signature" };
  try {
    new Webhook(secret).verify(rawBody, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature }, { jsonParse: false });
  } catch (error) {
    if (error instanceof WebhookVerificationError && /timestamp too (old|new)/i.test(error.message)) return { ok: false, reason: "stale" };
    return { ok: false, reason: "invalid_signature" };
  }
  const kept = keptHeaders(headers, ["content-type", "user-agent"], ["svix-"]);
  let type: unknown;
  try {
    type = (JSON.parse(rawBody) as { type?: unknown } | null)?.type;
  } catch {
    return { ok: true, externalId: id, topic: "unreadable", headers: kept, unreadable: "The body is not JSON." };
  }
  if (typeof type !== "string" || !type) return { ok: true, externalId: id, topic: "unreadable", headers: kept, unreadable: "The body has no event type." };
  return { ok: true, externalId: id, topic: type, headers: kept };
}
