import "server-only";
import type { WebhookHandler } from "../handler";
import type { ProviderName } from "../provider";
import { clerkUser } from "./clerk-user";
import { RESEND_STATUS, resendEmail } from "./resend-email";
import { twilioMessage } from "./twilio-message";
import { shopifyOrderCancelled } from "./shopify-orders-cancelled";
import { shopifyOrderCreated } from "./shopify-orders-create";
import { twilioStatus } from "./twilio-status";

/**
 * One handler per provider and topic. A topic without a handler is stored as `ignored` when it arrives; this table is
 * the single list of what Eventline processes.
 */
const HANDLERS: Record<ProviderName, Partial<Record<string, WebhookHandler>>> = {
  clerk: { "user.created": clerkUser, "user.updated": clerkUser, "user.deleted": clerkUser },
  twilio: { message: twilioMessage, "message-status": twilioStatus },
  resend: Object.fromEntries(Object.keys(RESEND_STATUS).map((topic) => [topic, resendEmail])),
  shopify: { "orders/create": shopifyOrderCreated, "orders/cancelled": shopifyOrderCancelled },
};

export function handlerFor(provider: string, topic: string): WebhookHandler | undefined {
  return (HANDLERS as Partial<Record<string, Partial<Record<string, WebhookHandler>>>>)[provider]?.[topic];
}
