/**
 * Signing deliveries the way each provider does (from their documentation), for tests of the receivers. The app's
 * verification is separate code (lib/webhooks/providers); these build the signatures independently.
 */
import { createHmac } from "node:crypto";
import { NextRequest } from "next/server";

export function twilioSigned(url: string, params: Record<string, string>, authToken: string) {
  const data = url + Object.keys(params).sort().map((name) => name + params[name]).join("");
  return createHmac("sha1", authToken).update(data).digest("base64");
}

export function twilioRequest(params: Record<string, string>, options: { token: string; url?: string; signature?: string | null; body?: string }) {
  const url = options.url ?? "http://localhost:3000/api/webhooks/twilio";
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const signature = options.signature === undefined ? twilioSigned(url, params, options.token) : options.signature;
  if (signature !== null) headers["x-twilio-signature"] = signature;
  return new NextRequest(url, { method: "POST", headers, body: options.body ?? new URLSearchParams(params).toString() });
}

export function svixHeaders(secret: string, id: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  return { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": signature };
}

export const shopifySigned = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64");

/** A Twilio inbound message's form fields (the documented subset we read). */
export function inboundSms(fields: { sid: string; from: string; to: string; body: string }): Record<string, string> {
  return {
    MessageSid: fields.sid,
    SmsMessageSid: fields.sid,
    AccountSid: "AC00000000000000000000000000000000",
    From: fields.from,
    To: fields.to,
    Body: fields.body,
    NumMedia: "0",
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  };
}
