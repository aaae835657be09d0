import "server-only";
import type { WebhookEvent } from "@/lib/generated/prisma/client";

/**
 * What processing one stored delivery came to; `organizationId` files it under a tenant (its inbox and API).
 * `messages`: outbound messages the handler queued without handing them to the send-message job, because the caller
 * asked to deliver them itself (`deferMessages`): the process-webhook job does, right after processing.
 */
export type HandlerResult = { status: "processed" | "ignored"; organizationId?: string | null; note?: string; messages?: string[] };
export type HandlerContext = { deferMessages: boolean };
export type StoredWebhook = Pick<WebhookEvent, "id" | "provider" | "externalId" | "topic" | "rawBody" | "headers" | "receivedAt">;
export type WebhookHandler = (event: StoredWebhook, context: HandlerContext) => Promise<HandlerResult>;

/** The stored body cannot be understood: processing fails with this reason and is not retried (a replay may be). */
export class UnreadablePayload extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadablePayload";
  }
}

/** The JSON body, or UnreadablePayload. */
export function jsonBody(event: StoredWebhook): unknown {
  try {
    return JSON.parse(event.rawBody);
  } catch {
    throw new UnreadablePayload("The body is not JSON.");
  }
}
