import "server-only";
import { env } from "@/lib/env";
import type { ProviderName } from "./provider";

/**
 * Published secrets for one-machine development: when the app runs on the launcher's embedded database and a
 * provider's secret is not configured, its webhooks are verified with these, so `npm run webhook:twilio` (and tests of
 * the running app) can send correctly signed deliveries without any account. Like the demo account (decision 27), never
 * used with a database named by DATABASE_URL: there an unconfigured provider answers 503.
 */
export const LOCAL_WEBHOOK_SECRETS: Record<ProviderName, string> = {
  twilio: "eventline-local-twilio-auth-token",
  clerk: "whsec_ZXZlbnRsaW5lLWxvY2FsLWNsZXJrLXNlY3JldC0x",
  resend: "whsec_ZXZlbnRsaW5lLWxvY2FsLXJlc2VuZC1zZWNyZXQx",
  shopify: "eventline-local-shopify-webhook-secret",
};

const configured: Record<ProviderName, () => string | undefined> = {
  twilio: () => env.TWILIO_AUTH_TOKEN,
  clerk: () => env.CLERK_WEBHOOK_SIGNING_SECRET,
  resend: () => env.RESEND_WEBHOOK_SECRET,
  shopify: () => env.SHOPIFY_WEBHOOK_SECRET,
};

export function webhookSecret(provider: ProviderName): string | undefined {
  return configured[provider]() ?? (env.EMBEDDED_DATABASE === "1" ? LOCAL_WEBHOOK_SECRETS[provider] : undefined);
}

/** Which secret a provider's webhooks are checked with, for the settings page and /api/health/ready. */
export function webhookSecretSource(provider: ProviderName): "configured" | "local-development" | "not-configured" {
  if (configured[provider]()) return "configured";
  return env.EMBEDDED_DATABASE === "1" ? "local-development" : "not-configured";
}
