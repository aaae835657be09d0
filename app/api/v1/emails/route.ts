import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { list } from "@/lib/api/schemas";
import { listMailbox, mailboxQuery } from "@/lib/email/mailbox";

export const dynamic = "force-dynamic";

const emailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: z.string().describe("queued, sent, delivered, bounced, complained, failed, or captured (no provider configured)"),
  text: z.string(),
  html: z.string(),
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int().describe("bytes") }))
    .describe("Files sent with the email (names, types and sizes; the dashboard's mailbox offers the files themselves)."),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
});

export const GET = endpoint(
  { method: "GET", path: "/api/v1/emails", tag: "Emails", summary: "Emails sent (or captured) for the organization", description: "Newest first; `to` filters by recipient.", access: "attendees.read", query: mailboxQuery, response: list(emailSchema) },
  async ({ principal, query }) => listMailbox(principal, query),
);
