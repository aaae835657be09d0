import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { EmailStatus } from "@/lib/generated/prisma/client";
import { jsonBody, UnreadablePayload, type WebhookHandler } from "../handler";

/**
 * Resend delivery events → the `EmailMessage` they are about (found by Resend's email id, stored when we sent it).
 * Statuses only move forward (sent → delivered → bounced/complained), so events arriving out of order never undo a
 * later state; a complaint after delivery is kept (it is the newer, worse news).
 */
export const RESEND_STATUS: Record<string, EmailStatus> = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
};

const RANK: Record<EmailStatus, number> = { queued: 0, captured: 0, sent: 1, delivered: 2, bounced: 3, complained: 3, failed: 3 };

const event = z.object({
  type: z.string(),
  data: z.object({ email_id: z.string().min(1), bounce: z.object({ message: z.string().optional() }).passthrough().optional() }).passthrough(),
});

export const resendEmail: WebhookHandler = async (row) => {
  const parsed = event.safeParse(jsonBody(row));
  if (!parsed.success) throw new UnreadablePayload("The body is not a Resend email event (data.email_id is missing).");
  const status = RESEND_STATUS[parsed.data.type];
  if (!status) return { status: "ignored", note: `${parsed.data.type} does not change delivery status` };
  const email = await db.emailMessage.findUnique({ where: { providerId: parsed.data.data.email_id }, select: { id: true, status: true, organizationId: true } });
  if (!email) return { status: "ignored", note: "no email with this Resend id" };
  if (RANK[email.status] < RANK[status] || (status === "complained" && email.status !== "complained")) {
    const reason = status === "bounced" ? parsed.data.data.bounce?.message : undefined;
    await db.emailMessage.update({ where: { id: email.id }, data: { status, ...(reason ? { lastError: `bounced: ${reason}` } : {}) } });
  }
  return { status: "processed", organizationId: email.organizationId };
};
