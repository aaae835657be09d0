import "server-only";

export const PROVIDERS = ["twilio", "clerk", "resend", "shopify"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Why a delivery was refused before anything was stored (counted in `webhook_rejections`). */
export type RejectionReason = "not_configured" | "too_large" | "missing_signature" | "invalid_signature" | "stale";

/**
 * A verified delivery: the provider's id for it (the dedupe key), its topic, the headers worth keeping, and, when the
 * signature is good but the body cannot be read, why (stored as `failed` with that reason, never retried).
 */
export type Verified = { ok: true; externalId: string; topic: string; headers: Record<string, string>; unreadable?: string };
export type Verification = Verified | { ok: false; reason: Exclude<RejectionReason, "not_configured" | "too_large"> };

export type VerifyInput = {
  /** The public URL the provider called (APP_URL + path + query): Twilio signs it. */
  url: string;
  headers: Headers;
  rawBody: string;
  secret: string;
};

/** One provider's receiving side: its secret, its signature scheme and its acknowledgement. */
export type WebhookProvider = {
  name: ProviderName;
  /** The configured secret, or undefined when this provider is not set up (the receiver answers 503). */
  secret: () => string | undefined;
  verify: (input: VerifyInput) => Verification;
  /** The answer once the delivery is stored (Twilio wants TwiML; the others any 2xx). */
  acknowledge: () => Response;
};

/** Keeps the headers named (lower case) or starting with one of `prefixes`; the rest is noise for a payload viewer. */
export function keptHeaders(headers: Headers, names: readonly string[], prefixes: readonly string[] = []): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (names.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) kept[name] = value;
  });
  return kept;
}

export const jsonAck = () => Response.json({ received: true });
