import type { z } from "zod";
import type { conversationMessageSchema, conversationSchema } from "@/lib/concierge/api-schemas";

/** The JSON shapes of /api/v1/conversations as the browser sees them (timestamps are ISO strings). */
export type Conversation = z.infer<typeof conversationSchema>;
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

export type Page<T> = { data: T[]; nextCursor: string | null };

/** What the thread needs to know about the events conversations belong to. */
export type EventInfo = { title: string; timezone: string };

export const REASONS: Record<string, string> = {
  no_answer: "No answer found",
  llm_timeout: "AI answer timed out",
  llm_error: "AI answer failed",
  llm_breaker_open: "AI answers paused",
  llm_handoff: "AI handed over",
};
