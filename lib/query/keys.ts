import type { ChangeTopic } from "@/lib/realtime/topics";

/**
 * Query keys start with the live-update topic that makes them stale, so a change on /api/live invalidates exactly
 * the queries of its topic (components/live/live-updates.tsx).
 */
export const queryKeys = {
  registrations: (eventId: string, filters: Record<string, unknown> = {}) => ["registration", eventId, filters] as const,
  conversations: (filters: Record<string, unknown> = {}) => ["conversation", "list", filters] as const,
  conversation: (conversationId: string) => ["conversation", conversationId] as const,
  webhookEvents: (filters: Record<string, unknown> = {}) => ["webhook", "list", filters] as const,
  webhookEvent: (webhookEventId: string) => ["webhook", webhookEventId] as const,
  events: (filters: Record<string, unknown> = {}) => ["event", "list", filters] as const,
} satisfies Record<string, (...args: never[]) => readonly [ChangeTopic, ...unknown[]]>;
