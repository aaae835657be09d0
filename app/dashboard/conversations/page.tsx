import type { Metadata } from "next";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { ConversationInbox } from "@/components/conversations/conversation-inbox";
import { conversationKey, conversationListKey, messagesKey } from "@/components/conversations/queries";
import type { EventInfo } from "@/components/conversations/types";
import { PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/session";
import { getConversation, listConversationMessages, listConversations } from "@/lib/concierge/conversations";
import { listEvents } from "@/lib/events/service";
import { makeQueryClient } from "@/lib/query/options";
import { forbiddenPage } from "../forbidden";

export const metadata: Metadata = { title: "Conversations" };

/** Services answer Dates; the browser's cache holds what /api/v1 answers (ISO strings). One shape for both. */
const asJson = <T,>(value: T): unknown => JSON.parse(JSON.stringify(value));

export default async function ConversationsPage({ searchParams }: { searchParams: Promise<{ c?: string; filter?: string }> }) {
  const { organization, caller } = await requireWorkspace();
  if (!can(organization.role, "conversations.read")) return forbiddenPage("conversations");
  const { c, filter } = await searchParams;
  const needsHuman = filter === "needs-human";
  const selectedId = typeof c === "string" && /^cnv_[A-Za-z0-9]{22}$/.test(c) ? c : null;

  const queryClient = makeQueryClient();
  const [events] = await Promise.all([
    listEvents(caller, { limit: 200 }),
    queryClient.prefetchQuery({ queryKey: conversationListKey(needsHuman), queryFn: async () => asJson(await listConversations(caller, { limit: 100, ...(needsHuman ? { needsHuman: true } : {}) })) }),
    selectedId ? queryClient.prefetchQuery({ queryKey: conversationKey(selectedId), queryFn: async () => asJson(await getConversation(caller, selectedId)) }) : null,
    selectedId ? queryClient.prefetchQuery({ queryKey: messagesKey(selectedId), queryFn: async () => asJson((await listConversationMessages(caller, selectedId, { limit: 200 })).data) }) : null,
  ]);
  const eventInfo: Record<string, EventInfo> = Object.fromEntries(events.data.map((e) => [e.id, { title: e.title, timezone: e.timezone }]));

  return (
    <>
      <PageHeader title="Conversations" description="WhatsApp and SMS messages to your events' numbers, and the concierge's answers." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ConversationInbox
          selectedId={selectedId}
          needsHuman={needsHuman}
          events={eventInfo}
          organizationTimezone={organization.timezone}
          canReply={can(organization.role, "conversations.reply")}
        />
      </HydrationBoundary>
    </>
  );
}
