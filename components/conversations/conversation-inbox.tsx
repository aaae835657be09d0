"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert, Badge, EmptyState } from "@/components/ui/feedback";
import { ConversationThread } from "./conversation-thread";
import { conversationListKey, fetchConversations } from "./queries";
import { REASONS, type Conversation, type EventInfo } from "./types";
import { formatWhen } from "./format";

type Props = {
  selectedId: string | null;
  needsHuman: boolean;
  events: Record<string, EventInfo>;
  organizationTimezone: string;
  canReply: boolean;
};

const href = (params: { c?: string | null; needsHuman: boolean }) => {
  const search = new URLSearchParams();
  if (params.needsHuman) search.set("filter", "needs-human");
  if (params.c) search.set("c", params.c);
  const query = search.toString();
  return `/dashboard/conversations${query ? `?${query}` : ""}`;
};

/**
 * The conversation inbox: threads on the left (newest activity first, "needs a human" filter), the open thread on the
 * right. On a phone the list and the thread take turns. Live updates invalidate the `conversation` queries, so new
 * messages show up in both without a reload.
 */
export function ConversationInbox({ selectedId, needsHuman, events, organizationTimezone, canReply }: Props) {
  const list = useQuery({ queryKey: conversationListKey(needsHuman), queryFn: () => fetchConversations(needsHuman) });
  const zoneOf = (c: { eventId: string | null }) => (c.eventId && events[c.eventId]?.timezone) || organizationTimezone;

  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
      <section aria-labelledby="threads-heading" className={`min-w-0 rounded-xl border border-slate-200 bg-white shadow-xs ${selectedId ? "hidden md:block" : ""}`}>
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
          <h2 id="threads-heading" className="font-semibold text-slate-900">
            Threads
          </h2>
          <nav aria-label="Filter conversations" className="flex gap-1 text-sm">
            {[
              { label: "All", value: false },
              { label: "Needs a human", value: true },
            ].map((f) => (
              <Link
                key={f.label}
                href={href({ c: selectedId, needsHuman: f.value })}
                aria-current={needsHuman === f.value ? "page" : undefined}
                className={`rounded-md px-2 py-1 font-medium focus-visible:outline-2 focus-visible:outline-brand-600 ${needsHuman === f.value ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {f.label}
              </Link>
            ))}
          </nav>
        </header>
        {list.isPending ? (
          <p role="status" className="px-4 py-6 text-sm text-slate-500">
            Loading conversations…
          </p>
        ) : list.isError ? (
          <div className="p-4">
            <Alert>Could not load conversations: {list.error.message}</Alert>
          </div>
        ) : list.data.data.length === 0 ? (
          <div className="p-4">
            <EmptyState title={needsHuman ? "Nobody is waiting for a person" : "No conversations yet"}>
              {needsHuman ? "Messages the concierge could not answer appear here." : "When attendees message one of your numbers (Settings → Phone numbers), their threads appear here."}
            </EmptyState>
          </div>
        ) : (
          <ul className="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto" data-testid="conversation-list">
            {list.data.data.map((c) => (
              <li key={c.id}>
                <ThreadLink conversation={c} selected={c.id === selectedId} href={href({ c: c.id, needsHuman })} eventTitle={c.eventId ? events[c.eventId]?.title : undefined} zone={zoneOf(c)} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Thread" className={`min-w-0 ${selectedId ? "" : "hidden md:block"}`}>
        {selectedId ? (
          <>
            <Link href={href({ needsHuman })} className="mb-3 inline-block text-sm font-medium text-brand-700 hover:underline md:hidden">
              ← All threads
            </Link>
            <ConversationThread key={selectedId} id={selectedId} events={events} organizationTimezone={organizationTimezone} canReply={canReply} />
          </>
        ) : (
          <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
            <EmptyState title="Pick a thread">Every message in and out of the conversation appears here, live.</EmptyState>
          </div>
        )}
      </section>
    </div>
  );
}

function ThreadLink({ conversation: c, selected, href, eventTitle, zone }: { conversation: Conversation; selected: boolean; href: string; eventTitle: string | undefined; zone: string }) {
  return (
    <Link
      href={href}
      aria-current={selected ? "true" : undefined}
      className={`block px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 ${selected ? "bg-brand-50" : "hover:bg-slate-50"}`}
      data-testid="conversation-row"
    >
      <span className="flex items-center justify-between gap-2">
        <span className="truncate font-medium text-slate-900">{c.phone}</span>
        <time dateTime={c.lastMessageAt} className="shrink-0 text-xs text-slate-600">
          {formatWhen(c.lastMessageAt, zone, true)}
        </time>
      </span>
      <span className="mt-1 flex flex-wrap items-center gap-1.5">
        <Badge tone={c.channel === "whatsapp" ? "emerald" : "slate"}>{c.channel === "whatsapp" ? "WhatsApp" : "SMS"}</Badge>
        {c.needsHuman && <Badge tone="amber">Needs a human{c.needsHumanReason && REASONS[c.needsHumanReason] ? ` · ${REASONS[c.needsHumanReason]}` : ""}</Badge>}
        {c.optedOut && <Badge tone="red">Opted out</Badge>}
        <span className="truncate text-xs text-slate-600">{eventTitle ?? (c.eventId ? "Event" : "No event")}</span>
      </span>
      {c.lastMessage && (
        <span className="mt-1 block truncate text-sm text-slate-600">
          {c.lastMessage.direction === "outbound" ? "Reply: " : ""}
          {c.lastMessage.body}
        </span>
      )}
    </Link>
  );
}
