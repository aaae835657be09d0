import { route } from "@/lib/api/route";
import { receiveWebhook } from "@/lib/webhooks/inbox";
import { resend } from "@/lib/webhooks/providers/resend";

export const dynamic = "force-dynamic";

/** Resend delivery events (Svix-signed): verified, stored, acknowledged, processed by a job (lib/webhooks). */
export const POST = route((request) => receiveWebhook(resend, request));
