/**
 * Sends one SMS or WhatsApp message through Twilio's documented REST API (Messages resource) with fetch:
 *   POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json   (HTTP Basic AccountSid:AuthToken, form-encoded)
 * We send `I-Twilio-Idempotency-Token` with the row's key, but Twilio documents that header only on the webhooks it
 * sends us, not as honoured by Messages create: what prevents a second send is the row's status (docs/decisions.md).
 */
import "server-only";
import { retryAfterSeconds, type DeliveryResult } from "@/lib/delivery";

export type TwilioConfig = { accountSid: string; authToken: string; baseUrl?: string };
export type OutgoingMessage = { channel: "sms" | "whatsapp"; to: string; from: string; body: string };

const address = (channel: OutgoingMessage["channel"], number: string) => (channel === "whatsapp" ? `whatsapp:${number}` : number);

export async function sendWithTwilio(config: TwilioConfig, message: OutgoingMessage, idempotencyKey: string): Promise<DeliveryResult> {
  const base = (config.baseUrl ?? "https://api.twilio.com").replace(/\/$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        "i-twilio-idempotency-token": idempotencyKey,
      },
      body: new URLSearchParams({ To: address(message.channel, message.to), From: address(message.channel, message.from), Body: message.body }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    return { kind: "retriable", message: `network: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body = (await response.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
  if (response.ok && body.sid) return { kind: "sent", providerId: body.sid };
  const detail = `${response.status}${body.code ? ` (Twilio ${body.code})` : ""}: ${body.message ?? response.statusText}`;
  if (response.status === 429) return { kind: "rate-limited", retryAfterSeconds: retryAfterSeconds(response.headers.get("retry-after")), message: detail };
  if (response.status >= 500 || response.ok) return { kind: "retriable", message: detail };
  return { kind: "permanent", message: detail };
}
