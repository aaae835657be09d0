import "server-only";
import { AppError } from "@/lib/api/errors";
import { createOnce, DeliveryError, handOff } from "@/lib/delivery";
import { db } from "@/lib/db";
import { env, modes } from "@/lib/env";
import { type EmailMessage } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { emailRequested } from "@/inngest/events";
import { sendEvents } from "@/inngest/send";
import { toStoredAttachments, readAttachments, type AttachmentInput } from "./attachments";
import { renderEmail } from "./render";
import { sendWithResend, type ResendConfig } from "./resend-adapter";
import { type TemplateName, type TemplateProps } from "./templates";

/** Where emails go: Resend when configured, otherwise captured in the database (shown in the dashboard's mailbox). */
export type EmailTransport = { kind: "captured" } | { kind: "resend"; config: ResendConfig };

export function configuredTransport(): EmailTransport {
  return modes.email === "resend" && env.RESEND_API_KEY
    ? { kind: "resend", config: { apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL } }
    : { kind: "captured" };
}

type QueueInput<N extends TemplateName> = {
  organizationId?: string | null;
  to: string;
  template: N;
  props: TemplateProps<N>;
  /** Same key → same email: queueing twice returns the first row and sends nothing new. */
  idempotencyKey: string;
  /** Files sent with it (stored base64 on the row; see ./attachments.ts). */
  attachments?: readonly AttachmentInput[];
};

/** Hands a queued email to the send-email job; the event id is the email's, so it starts one run at most. */
export const requestEmailDelivery = (emailId: string) => requestEmailDeliveries([emailId]);

/** The same for several emails, in as few requests as it takes (the outbox sweeper hands over a backlog this way). */
export const requestEmailDeliveries = (emailIds: readonly string[]) => sendEvents(emailRequested, emailIds.map((emailId) => ({ data: { emailId }, id: `email-${emailId}` })));

/**
 * Renders an email, records it (status `queued`) and asks the job system to deliver it. The row is the durable
 * record: if the job backend is down the email stays `queued` and the outbox sweeper sends it later.
 */
export async function queueEmail<N extends TemplateName>(input: QueueInput<N>, send: (emailId: string) => Promise<unknown> = requestEmailDelivery): Promise<EmailMessage> {
  const { row: email, created } = await createOnce(
    () => db.emailMessage.findUnique({ where: { idempotencyKey: input.idempotencyKey } }),
    // Rendered only when the email is new: a repeated key returns the stored row without rendering again.
    async () => {
      const rendered = await renderEmail(input.template, input.props);
      const attachments = toStoredAttachments(input.attachments ?? []);
      return db.emailMessage.create({
        data: {
          id: newId("eml"),
          organizationId: input.organizationId ?? null,
          to: input.to,
          from: env.EMAIL_FROM,
          subject: rendered.subject,
          template: input.template,
          html: rendered.html,
          text: rendered.text,
          idempotencyKey: input.idempotencyKey,
          attachments,
        },
      });
    },
  );
  if (!created) return email;
  await handOff("email", email.id, send);
  return email;
}

/**
 * Delivers one queued email. Sent, captured or otherwise finished emails are left alone, so a retried or replayed
 * job never sends twice; Resend's Idempotency-Key covers an attempt that sent but did not get to record it.
 * Throws `DeliveryError` (rate-limited / retriable / permanent) for the job to map to Inngest's retry semantics.
 */
export async function deliverEmail(emailId: string, idempotencyKey: string, transport: EmailTransport = configuredTransport()): Promise<EmailMessage> {
  const email = await db.emailMessage.findUnique({ where: { id: emailId } });
  if (!email) throw new AppError("email_not_found", 404, `Email ${emailId} does not exist.`);
  if (email.status !== "queued") return email;
  if (transport.kind === "captured") {
    return db.emailMessage.update({ where: { id: emailId }, data: { status: "captured", attempts: { increment: 1 }, sentAt: new Date() } });
  }
  const result = await sendWithResend(transport.config, { ...email, attachments: readAttachments(email.attachments) }, idempotencyKey);
  if (result.kind === "sent") {
    return db.emailMessage.update({
      where: { id: emailId },
      data: { status: "sent", providerId: result.providerId, attempts: { increment: 1 }, sentAt: new Date(), lastError: null },
    });
  }
  // A permanent error ends the email here; one that exhausts the retries ends it in the job's onFailure.
  await db.emailMessage.update({
    where: { id: emailId },
    data: { attempts: { increment: 1 }, lastError: result.message, ...(result.kind === "permanent" ? { status: "failed" as const } : {}) },
  });
  throw new DeliveryError(result);
}

/** Called when the job gave up: the email ends `failed` with the reason. */
export async function markEmailFailed(emailId: string, reason: string): Promise<void> {
  await db.emailMessage.updateMany({ where: { id: emailId, status: "queued" }, data: { status: "failed", lastError: reason } });
}
