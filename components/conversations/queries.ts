import { apiFetch } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { Conversation, ConversationMessage, Page } from "./types";

/** Query definitions shared by the server prefetch (same keys) and the browser. */
export const conversationListKey = (needsHuman: boolean) => queryKeys.conversations(needsHuman ? { needsHuman: true } : {});
export const conversationKey = (id: string) => queryKeys.conversation(id);
export const messagesKey = (id: string) => [...queryKeys.conversation(id), "messages"] as const;
/** Settings → phone numbers. Not tied to a live-update topic: only that section changes mappings. */
export const phoneNumbersKey = ["phone-numbers"] as const;

export const fetchConversations = (needsHuman: boolean) => apiFetch<Page<Conversation>>(`/api/v1/conversations?limit=100${needsHuman ? "&needsHuman=true" : ""}`);
export const fetchConversation = async (id: string) => (await apiFetch<{ data: Conversation }>(`/api/v1/conversations/${id}`)).data;

/** The whole thread, oldest first (pages of 200 until the end; a thread of more than 2,000 messages shows its first 2,000). */
export async function fetchMessages(id: string): Promise<ConversationMessage[]> {
  const all: ConversationMessage[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const result: Page<ConversationMessage> = await apiFetch(`/api/v1/conversations/${id}/messages?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...result.data);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}
