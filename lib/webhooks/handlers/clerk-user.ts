import "server-only";
import { z } from "zod";
import { applyClerkEvent } from "@/lib/auth/clerk-webhooks";
import { jsonBody, UnreadablePayload, type WebhookHandler } from "../handler";

const envelope = z.object({ type: z.string(), data: z.unknown() });

/** Clerk user.created / user.updated / user.deleted → our users table (lib/auth/clerk-webhooks.ts). */
export const clerkUser: WebhookHandler = async (event) => {
  const parsed = envelope.safeParse(jsonBody(event));
  if (!parsed.success) throw new UnreadablePayload("The body is not a Clerk event.");
  return { status: await applyClerkEvent(parsed.data) };
};
