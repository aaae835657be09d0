import { z } from "zod";
import { timestamp } from "@/lib/api/schemas";

/** Response shapes of the concierge's /api/v1 routes (the OpenAPI document is generated from them). */

export const conversationSchema = z.object({
  id: z.string(),
  eventId: z.string().nullable(),
  phone: z.string().describe("the attendee, E.164"),
  channel: z.enum(["sms", "whatsapp"]),
  ourNumber: z.string().nullable().describe("the number the attendee wrote to, E.164"),
  state: z.string().describe("idle, or the step of a multi-turn flow: register_name, register_email, cancel_confirm"),
  needsHuman: z.boolean(),
  needsHumanReason: z.string().nullable().describe("no_answer, llm_timeout, llm_error, llm_breaker_open, llm_handoff"),
  optedOut: z.boolean().describe("the attendee replied STOP"),
  lastMessageAt: timestamp,
  createdAt: timestamp,
  lastMessage: z.object({ direction: z.enum(["inbound", "outbound"]), body: z.string(), createdAt: timestamp }).nullable().describe("the newest message of the thread, for previews"),
});
export const conversationMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  body: z.string(),
  from: z.string(),
  to: z.string(),
  intent: z.string().nullable().describe("inbound: what the concierge understood (schedule, faq, register, cancel, ticket, help, llm, fallback, stop, start, opted_out)"),
  status: z.string().nullable().describe("outbound: queued, sent, delivered, failed or captured"),
  sentBy: z.enum(["concierge", "staff"]).nullable(),
  createdAt: timestamp,
});
export const phoneNumberSchema = z.object({ id: z.string(), number: z.string().describe("E.164"), eventId: z.string(), createdAt: timestamp });
