import { Resend } from "resend";
import { type DeliveryResult } from "@/lib/delivery";

export type ResendConfig = { apiKey: string; baseUrl?: string };
export type OutgoingEmail = { from: string; to: string; subject: string; html: string; text: string };

/**
 * Sends one email through the official Resend SDK with an Idempotency-Key (Resend keeps it 24 h, so a retried
 * attempt never sends twice). The SDK does not throw: it returns `{ data, error, headers }`, where `error` is
 * Resend's JSON error (`statusCode`, `name`, `message`) or, for a network failure, `statusCode: null`.
 */
export async function sendWithResend(config: ResendConfig, email: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult> {
  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const { data, error, headers } = await resend.emails.send(
    { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
    { idempotencyKey },
  );
  if (data?.id) return { kind: "sent", providerId: data.id };
  const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
  const message = error?.message ?? "Resend returned no email id";
  if (status === 429) {
    const retryAfter = Number(headers?.["retry-after"] ?? "1");
    return { kind: "rate-limited", retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1, message };
  }
  if (status === null || status >= 500 || status === 408 || status === 409) return { kind: "retriable", message: `${status ?? "network"}: ${message}` };
  return { kind: "permanent", message: `${status}: ${message}` };
}
