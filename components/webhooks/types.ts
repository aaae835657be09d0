/** /api/v1/webhook-events as the browser sees it. */
export type WebhookEvent = {
  id: string;
  provider: "twilio" | "clerk" | "resend" | "shopify";
  topic: string;
  externalId: string;
  status: "received" | "processing" | "processed" | "failed" | "ignored";
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  startedAt: string | null;
  processedAt: string | null;
  purgedAt: string | null;
};
export type WebhookEventDetail = WebhookEvent & { headers: Record<string, string>; body: string };
export type WebhookFilters = { provider?: string; status?: string; topic?: string };

export const PROVIDER_OPTIONS = ["twilio", "resend", "shopify"] as const;
/** Providers and statuses as people read them: "Twilio", "Processed". */
export const providerName = (provider: string) => ({ twilio: "Twilio", clerk: "Clerk", resend: "Resend", shopify: "Shopify" })[provider] ?? provider;
export const sentenceCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
export const STATUS_OPTIONS = ["received", "processing", "processed", "failed", "ignored"] as const;
export const TOPIC_OPTIONS = ["message", "message-status", "email.delivered", "email.bounced", "email.complained", "email.failed", "orders/create", "orders/cancelled"] as const;

export const webhookListUrl = (filters: WebhookFilters) => {
  const search = new URLSearchParams({ limit: "100" });
  for (const [k, v] of Object.entries(filters)) if (v) search.set(k, v);
  return `/api/v1/webhook-events?${search.toString()}`;
};
