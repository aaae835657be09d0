/** The JSON shapes of /api/v1/conversations as the browser sees them (timestamps are ISO strings). */
export type Conversation = {
  id: string;
  eventId: string | null;
  phone: string;
  channel: "sms" | "whatsapp";
  ourNumber: string | null;
  state: string;
  needsHuman: boolean;
  needsHumanReason: string | null;
  optedOut: boolean;
  lastMessageAt: string;
  createdAt: string;
  lastMessage: { direction: "inbound" | "outbound"; body: string; createdAt: string } | null;
};

export type ConversationMessage = {
  id: string;
  direction: "inbound" | "outbound";
  body: string;
  from: string;
  to: string;
  intent: string | null;
  status: string | null;
  sentBy: "concierge" | "staff" | null;
  createdAt: string;
};

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
