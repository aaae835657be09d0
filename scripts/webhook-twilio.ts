/**
 * Sends a correctly signed Twilio webhook (an inbound SMS or WhatsApp message) to the running app and prints the
 * concierge's reply once it is recorded — the demo of the webhook inbox and the concierge without any Twilio account:
 *
 *   npm run dev                                        (in one terminal)
 *   npm run webhook:twilio -- "What time is the keynote?"
 *   npm run webhook:twilio -- --whatsapp --from +4915112345678 "register"
 *
 * Options: --from <E.164> (default +15550100100), --to <E.164> (default +14155238886, the demo event's number),
 * --whatsapp (send as WhatsApp), --url <app base URL> (default APP_URL). Signed with TWILIO_AUTH_TOKEN, or on the
 * embedded development database with the published development token (lib/webhooks/secrets.ts).
 */
import { parseArgs } from "node:util";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { randomToken } from "../lib/ids";
import { twilioSignature } from "../lib/webhooks/providers/twilio";
import { webhookSecret } from "../lib/webhooks/secrets";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: "string", default: "+15550100100" },
    to: { type: "string", default: "+14155238886" },
    whatsapp: { type: "boolean", default: false },
    url: { type: "string" },
  },
});

async function main() {
  const body = positionals.join(" ").trim() || "What time is the keynote?";
  const token = webhookSecret("twilio");
  if (!token) throw new Error("No Twilio auth token: set TWILIO_AUTH_TOKEN (or run on the embedded development database).");
  const base = (values.url ?? env.APP_URL).replace(/\/+$/, "");
  const url = `${base}/api/webhooks/twilio`;
  const prefix = values.whatsapp ? "whatsapp:" : "";
  const sid = `SM${randomToken(32)}`;
  const params = new URLSearchParams({
    MessageSid: sid,
    SmsMessageSid: sid,
    AccountSid: env.TWILIO_ACCOUNT_SID ?? "AC00000000000000000000000000000000",
    From: `${prefix}${values.from}`,
    To: `${prefix}${values.to}`,
    Body: body,
    NumMedia: "0",
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  });
  // The signature covers the public URL (APP_URL), which is where Twilio would have sent it.
  const signature = twilioSignature(token, `${env.APP_URL.replace(/\/+$/, "")}/api/webhooks/twilio`, params);
  const sentAt = new Date();
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature }, body: params });
  console.log(`→ ${values.from} to ${values.to}: "${body}"  (${sid})`);
  console.log(`  ${response.status} ${response.headers.get("content-type")}  ${await response.text()}`);
  if (!response.ok) process.exit(1);

  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const webhook = await db.webhookEvent.findUnique({ where: { provider_externalId: { provider: "twilio", externalId: sid } }, select: { status: true, lastError: true } });
    const replies = await db.outboundMessage.findMany({ where: { to: values.from, createdAt: { gte: sentAt } }, orderBy: { createdAt: "asc" } });
    // Shown once delivered (captured in the app, or sent through Twilio), or after 5 s still queued.
    if (replies.length > 0 && (replies.every((r) => r.status !== "queued") || Date.now() - sentAt.getTime() > 5_000)) {
      for (const reply of replies) console.log(`← ${reply.status}: ${reply.body}`);
      return;
    }
    if (webhook && ["processed", "ignored", "failed"].includes(webhook.status)) {
      console.log(`  webhook ${webhook.status}${webhook.lastError ? `: ${webhook.lastError}` : ""}; no reply was sent (an unmapped number, or an opted-out sender)`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("No reply within 20 s — is `npm run dev` running?");
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => void db.$disconnect());
