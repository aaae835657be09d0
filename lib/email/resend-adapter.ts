import "server-only";
import { Resend } from "resend";
import { retryAfterSeconds, type DeliveryFailure, type DeliveryResult } from "@/lib/delivery";

export type ResendConfig = { apiKey: string; baseUrl?: string; timeoutMs?: number };
export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Content base64-encoded, as Resend's API takes it. */
  attachments?: readonly { filename: string; contentType: string; content: string }[];
};

/**
 * Sends one email through the official Resend SDK with an Idempotency-Key (Resend keeps it 24 h, so a retried
 * attempt never sends twice). The SDK has no timeout of its own: the request is aborted after `timeoutMs`.
 */
export async function sendWithResend(config: ResendConfig, email: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult> {
  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const { data, error, headers } = await resend.emails.send(
    {
      from: email.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      ...(email.attachments?.length ? { attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
    },
    { idempotencyKey, signal: AbortSignal.timeout(config.timeoutMs ?? 15_000) },
  );
  if (data?.id) return { kind: "sent", providerId: data.id };
  return classify(error, headers);
}

/** Resend error names that decide the outcome whatever the status (quota errors are 429s that seconds won't fix). */
const PERMANENT = new Set(["daily_quota_exceeded", "monthly_quota_exceeded", "invalid_idempotent_request"]);
const RETRIABLE = new Set(["concurrent_idempotent_requests"]);

type ResendError = { name?: string; statusCode?: number | null; message?: string };

/**
 * What resend 6.38 gives back (it never throws): for an HTTP error with a JSON body, that body unchanged as `error`,
 * so `statusCode` is what Resend wrote in the body (it always does; a proxy in front may not) and the HTTP status
 * itself is not exposed; for a non-JSON body, the HTTP status with name `application_error`; for a network failure
 * or timeout, `statusCode: null` and `headers: null`. Response headers (`retry-after`) are passed through. So the
 * error name decides where it is unambiguous, then the status; an error showing neither is retried (the job bounds
 * the retries).
 */
function classify(error: ResendError | null, headers: Record<string, string> | null): DeliveryFailure {
  const name = error?.name ?? "";
  const status = typeof error?.statusCode === "number" ? error.statusCode : null;
  const message = `${status ?? (headers ? "error" : "network")}${name ? ` ${name}` : ""}: ${error?.message ?? "Resend answered without an email id"}`;
  if (PERMANENT.has(name)) return { kind: "permanent", message };
  if (name === "rate_limit_exceeded" || status === 429) return { kind: "rate-limited", retryAfterSeconds: retryAfterSeconds(headers?.["retry-after"]), message };
  if (RETRIABLE.has(name) || status === null || status === 408 || status >= 500) return { kind: "retriable", message };
  return { kind: "permanent", message };
}
