"use client";
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Alert, Badge } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { apiFetch, ApiError } from "@/lib/query/fetch";
import { formatWhen } from "./format";
import { conversationKey, fetchConversation, fetchMessages, messagesKey } from "./queries";
import { REASONS, type Conversation, type ConversationMessage, type EventInfo } from "./types";

type Props = { id: string; events: Record<string, EventInfo>; organizationTimezone: string; canReply: boolean };

const STATUS_TONE: Record<string, "slate" | "amber" | "emerald" | "red" | "brand"> = { queued: "amber", sending: "amber", sent: "emerald", delivered: "emerald", captured: "brand", failed: "red", undelivered: "red" };

/** What the concierge understood, as the team reads it under an attendee's message. */
const INTENT_LABEL: Record<string, string> = {
  schedule: "asked about the schedule",
  faq: "answered from the FAQs",
  register: "registration",
  cancel: "cancellation",
  ticket: "asked for the ticket",
  help: "asked for help",
  llm: "answered by the assistant",
  fallback: "not understood: passed to the team",
  stop: "opted out (STOP)",
  start: "opted back in (START)",
  opted_out: "opted out: not answered",
};

/** One thread: every message in and out, a reply box (optimistic) and "mark resolved" for the needs-a-human flag. */
export function ConversationThread({ id, events, organizationTimezone, canReply }: Props) {
  const conversation = useQuery({ queryKey: conversationKey(id), queryFn: () => fetchConversation(id) });
  const messages = useQuery({ queryKey: messagesKey(id), queryFn: () => fetchMessages(id) });

  if (conversation.isPending) {
    return (
      <div role="status" className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-500 shadow-xs">
        Loading the thread…
      </div>
    );
  }
  if (conversation.isError) {
    const missing = conversation.error instanceof ApiError && conversation.error.status === 404;
    return <Alert>{missing ? "This conversation does not exist in this organization." : `Could not load the thread: ${conversation.error.message}`}</Alert>;
  }
  const c = conversation.data;
  const event = c.eventId ? events[c.eventId] : undefined;
  const zone = event?.timezone ?? organizationTimezone;

  return (
    <article className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white shadow-xs" aria-labelledby={`thread-${id}`}>
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 id={`thread-${id}`} className="font-semibold text-slate-900">
            {c.phone}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            {c.channel === "whatsapp" ? "WhatsApp" : "SMS"}
            {c.ourNumber ? ` to ${c.ourNumber}` : ""} · {event?.title ?? "No event"} · times in {zone}
          </p>
          <p className="mt-1.5 flex flex-wrap gap-1.5">
            {c.needsHuman && <Badge tone="amber">Needs a human{c.needsHumanReason && REASONS[c.needsHumanReason] ? ` · ${REASONS[c.needsHumanReason]}` : ""}</Badge>}
            {c.optedOut && <Badge tone="red">Opted out (STOP)</Badge>}
            {c.state !== "idle" && <Badge>In flow: {c.state.replaceAll("_", " ")}</Badge>}
          </p>
        </div>
        {canReply && c.needsHuman && <ResolveButton conversation={c} />}
      </header>

      <Messages query={messages} zone={zone} />

      {canReply && <ReplyBox conversation={c} />}
    </article>
  );
}

function Messages({ query, zone }: { query: UseQueryResult<ConversationMessage[]>; zone: string }) {
  const end = useRef<HTMLLIElement>(null);
  const count = query.data?.length ?? 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [count]);

  if (query.isPending) return <p role="status" className="px-5 py-6 text-sm text-slate-500">Loading messages…</p>;
  if (query.isError) return <div className="p-5"><Alert>Could not load messages: {query.error.message}</Alert></div>;
  if (query.data.length === 0) return <p className="px-5 py-6 text-sm text-slate-500">No messages yet.</p>;
  return (
    <ol tabIndex={0} className="flex max-h-[60vh] flex-col gap-3 overflow-y-auto px-4 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 sm:px-5" aria-label="Messages" aria-live="polite" data-testid="thread-messages">
      {query.data.map((m) => {
        const inbound = m.direction === "inbound";
        const pending = m.id.startsWith("optimistic-");
        return (
          <li key={m.id} className={`flex flex-col ${inbound ? "items-start" : "items-end"}`} data-testid="thread-message" data-direction={m.direction}>
            <p className={`max-w-[85%] rounded-2xl px-3.5 py-2 text-sm break-words whitespace-pre-wrap ${inbound ? "rounded-bl-sm bg-slate-100 text-slate-900" : "rounded-br-sm bg-brand-600 text-white"} ${pending ? "opacity-70" : ""}`}>
              <span className="sr-only">{inbound ? "Attendee: " : m.sentBy === "staff" ? "Team reply: " : "Concierge reply: "}</span>
              {m.body}
            </p>
            <span className={`mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600 ${inbound ? "" : "justify-end"}`}>
              <time dateTime={m.createdAt}>{formatWhen(m.createdAt, zone)}</time>
              {inbound ? m.intent && <span>· {INTENT_LABEL[m.intent] ?? m.intent.replaceAll("_", " ")}</span> : <span>· {pending ? "sending…" : m.sentBy === "staff" ? "by the team" : "by the concierge"}</span>}
              {!inbound && m.status && !pending && <Badge tone={STATUS_TONE[m.status] ?? "slate"}>{m.status}</Badge>}
            </span>
          </li>
        );
      })}
      <li ref={end} aria-hidden className="h-0" />
    </ol>
  );
}

function ReplyBox({ conversation: c }: { conversation: Conversation }) {
  const fieldId = useId();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const key = messagesKey(c.id);

  const reply = useMutation({
    mutationFn: (text: string) => apiFetch<{ data: ConversationMessage }>(`/api/v1/conversations/${c.id}/messages`, { method: "POST", body: JSON.stringify({ body: text }) }),
    onMutate: async (text) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ConversationMessage[]>(key);
      const optimistic: ConversationMessage = { id: `optimistic-${Date.now()}`, direction: "outbound", body: text, from: c.ourNumber ?? "", to: c.phone, intent: null, status: "queued", sentBy: "staff", createdAt: new Date().toISOString() };
      queryClient.setQueryData<ConversationMessage[]>(key, (all = []) => [...all, optimistic]);
      setBody("");
      return { previous, text };
    },
    onError: (err, _text, context) => {
      if (context) {
        queryClient.setQueryData(key, context.previous);
        setBody(context.text);
      }
      const message = err instanceof ApiError ? err.detail : "The reply could not be sent.";
      setError(message);
      toast("error", `Reply not sent: ${message}`);
    },
    onSuccess: () => setError(null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["conversation"] }),
  });

  if (c.optedOut) {
    return (
      <div className="border-t border-slate-100 p-4 sm:px-5">
        <Alert tone="info">This attendee replied STOP, so no messages can be sent to them until they reply START.</Alert>
      </div>
    );
  }
  if (!c.ourNumber) {
    return (
      <div className="border-t border-slate-100 p-4 sm:px-5">
        <Alert tone="info">This conversation has no number to reply from.</Alert>
      </div>
    );
  }
  return (
    <form
      className="flex flex-col gap-2 border-t border-slate-100 p-4 sm:px-5"
      onSubmit={(e) => {
        e.preventDefault();
        const text = body.trim();
        if (!text) {
          setError("Write a message.");
          return;
        }
        setError(null);
        reply.mutate(text);
      }}
      noValidate
    >
      <label htmlFor={fieldId} className="text-sm font-medium text-slate-700">
        Reply by hand
      </label>
      <textarea
        id={fieldId}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
        }}
        rows={2}
        maxLength={1600}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${fieldId}-help`}
        className="w-full resize-y rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={`${fieldId}-help`} className={`text-xs ${error ? "text-red-600" : "text-slate-500"}`}>
          {error ?? `Sent by ${c.channel === "whatsapp" ? "WhatsApp" : "SMS"} from ${c.ourNumber}. Ctrl+Enter sends.`}
        </p>
        <button type="submit" className={buttonClass("primary")} disabled={reply.isPending}>
          Send reply
        </button>
      </div>
    </form>
  );
}

function ResolveButton({ conversation: c }: { conversation: Conversation }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const resolve = useMutation({
    mutationFn: () => apiFetch<{ data: Conversation }>(`/api/v1/conversations/${c.id}/resolve`, { method: "POST" }),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: conversationKey(c.id) });
      const previous = queryClient.getQueryData<Conversation>(conversationKey(c.id));
      queryClient.setQueryData<Conversation>(conversationKey(c.id), (old) => (old ? { ...old, needsHuman: false, needsHumanReason: null } : old));
      return { previous };
    },
    onError: (err, _v, context) => {
      if (context?.previous) queryClient.setQueryData(conversationKey(c.id), context.previous);
      toast("error", `Could not mark it resolved: ${err instanceof ApiError ? err.detail : "try again."}`);
    },
    onSuccess: () => toast("success", "Marked resolved."),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["conversation"] }),
  });
  return (
    <button type="button" className={buttonClass("secondary")} onClick={() => resolve.mutate()} disabled={resolve.isPending}>
      Mark resolved
    </button>
  );
}
