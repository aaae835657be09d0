import { route } from "@/lib/api/route";
import { receiveWebhook } from "@/lib/webhooks/inbox";
import { twilio } from "@/lib/webhooks/providers/twilio";

export const dynamic = "force-dynamic";

/** Twilio inbound messages and status callbacks: verified, stored, answered with empty TwiML (lib/webhooks). */
export const POST = route((request) => receiveWebhook(twilio, request));
