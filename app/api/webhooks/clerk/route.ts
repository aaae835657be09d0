import { route } from "@/lib/api/route";
import { receiveWebhook } from "@/lib/webhooks/inbox";
import { clerk } from "@/lib/webhooks/providers/clerk";

export const dynamic = "force-dynamic";

/** Clerk user events (Svix-signed): verified, stored, acknowledged, applied by a job (lib/webhooks, lib/auth/clerk-webhooks.ts). */
export const POST = route((request) => receiveWebhook(clerk, request));
