import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { keptHeaders, type Verification, type VerifyInput, type WebhookProvider } from "../provider";
import { webhookSecret } from "../secrets";

/**
 * Twilio's documented request validation: base64(HMAC-SHA1(auth token, URL + every POST parameter's name and value,
 * sorted by name)), sent as `X-Twilio-Signature`. The URL is the public one Twilio called (APP_URL + path + query),
 * not what the server saw behind a proxy. Twilio signs no timestamp: a replayed delivery is caught by the MessageSid
 * dedupe instead.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let data = url;
  for (const name of names) {
    for (const value of params.getAll(name).sort()) data += name + value;
  }
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Inbound messages are topic `message`, deduplicated on MessageSid; status callbacks (delivered, failed…) for our own
 * messages are `message-status`, one delivery per SID and status.
 */
function classify(params: URLSearchParams, rawBody: string): { externalId: string; topic: string; unreadable?: string } {
  const sid = params.get("MessageSid") ?? params.get("SmsMessageSid");
  const status = params.get("MessageStatus");
  if (!sid) return { externalId: `body-${createHash("sha256").update(rawBody).digest("hex")}`, topic: "message", unreadable: "The delivery has no MessageSid." };
  if (status && status !== "received") return { externalId: `${sid}:${status}`, topic: "message-status" };
  return { externalId: sid, topic: "message" };
}

export function verifyTwilio({ url, headers, rawBody, secret }: VerifyInput): Verification {
  const signature = headers.get("x-twilio-signature");
  if (!signature) return { ok: false, reason: "missing_signature" };
  const params = new URLSearchParams(rawBody);
  if (!sameSignature(signature, twilioSignature(secret, url, params))) return { ok: false, reason: "invalid_signature" };
  return { ok: true, ...classify(params, rawBody), headers: keptHeaders(headers, ["content-type", "user-agent", "x-twilio-signature", "i-twilio-idempotency-token"]) };
}

export const twilio: WebhookProvider = {
  name: "twilio",
  secret: () => webhookSecret("twilio"),
  verify: verifyTwilio,
  // An empty TwiML document: the reply (if any) is sent later through the REST API by the concierge job.
  acknowledge: () => new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { headers: { "content-type": "text/xml" } }),
};
