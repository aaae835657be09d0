"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Alert, Badge, EmptyState } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { apiFetch, ApiError } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import { formatInZone } from "@/lib/time";
import { ConfirmDialog, Modal } from "./modal";
import { KeyValueTable, PayloadBody } from "./payload-view";
import { providerName, webhookListUrl, type WebhookEvent, type WebhookEventDetail, type WebhookFilters } from "./types";

const STATUS_TONE = { received: "amber", processing: "brand", processed: "emerald", failed: "red", ignored: "slate" } as const;
type Page = { data: WebhookEvent[]; nextCursor: string | null };

const duration = (from: string | null, to: string | null) => {
  if (!from || !to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
};

/** The organization's webhook deliveries (live: the `webhook` topic), a payload viewer and replay. */
export function WebhookInbox({ filters, timezone, canReplay }: { filters: WebhookFilters; timezone: string; canReplay: boolean }) {
  const list = useQuery({ queryKey: queryKeys.webhookEvents(filters), queryFn: () => apiFetch<Page>(webhookListUrl(filters)) });
  const [viewing, setViewing] = useState<WebhookEvent | null>(null);
  const [replaying, setReplaying] = useState<WebhookEvent | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const when = (iso: string) => formatInZone(new Date(iso), timezone, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });

  const replay = useMutation({
    mutationFn: (id: string) => apiFetch<{ data: WebhookEvent }>(`/api/v1/webhook-events/${id}/replay`, { method: "POST" }),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.webhookEvents(filters) });
      const previous = queryClient.getQueryData<Page>(queryKeys.webhookEvents(filters));
      queryClient.setQueryData<Page>(queryKeys.webhookEvents(filters), (old) => old && { ...old, data: old.data.map((w) => (w.id === id ? { ...w, status: "received", lastError: null } : w)) });
      setReplaying(null);
      return { previous };
    },
    onError: (err, _id, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.webhookEvents(filters), context.previous);
      toast("error", `Replay refused: ${err instanceof ApiError ? err.detail : "try again."}`);
    },
    onSuccess: () => toast("success", "Replay started: the delivery is being processed again."),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["webhook"] }),
  });

  if (list.isPending) return <p role="status" className="py-6 text-sm text-slate-500">Loading deliveries…</p>;
  if (list.isError) return <Alert>Could not load the webhook inbox: {list.error.message}</Alert>;
  if (list.data.data.length === 0) {
    const filtered = Object.values(filters).some(Boolean);
    return (
      <EmptyState title={filtered ? "No deliveries match these filters" : "No webhook deliveries yet"}>
        {filtered ? "Clear a filter to see more." : "Deliveries from Twilio, Resend and Shopify that concern your organization appear here as they arrive."}
      </EmptyState>
    );
  }

  return (
    <>
      <ul className="divide-y divide-slate-100" data-testid="webhook-list">
        {list.data.data.map((w) => {
          const took = duration(w.startedAt, w.processedAt);
          return (
            <li key={w.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" data-testid="webhook-row" data-status={w.status}>
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{providerName(w.provider)}</span>
                  <span className="font-mono text-sm text-slate-700">{w.topic}</span>
                  <Badge tone={STATUS_TONE[w.status]}>{w.status}</Badge>
                  {w.purgedAt && <Badge>payload purged</Badge>}
                </p>
                <p className="mt-0.5 text-sm text-slate-600">
                  <time dateTime={w.receivedAt}>Received {when(w.receivedAt)}</time>
                  {w.processedAt && <> · done {when(w.processedAt)}</>}
                  {took && <> · took {took}</>} · {w.attempts} {w.attempts === 1 ? "attempt" : "attempts"}
                </p>
                <p className="mt-0.5 truncate font-mono text-xs text-slate-500" title={w.externalId}>
                  {w.externalId}
                </p>
                {w.lastError && (
                  <p className="mt-1 text-sm break-words text-red-700" data-testid="webhook-error">
                    Last error: {w.lastError}
                  </p>
                )}
              </div>
              <div className="flex shrink-0 gap-2">
                <button type="button" className={buttonClass("secondary", "px-2.5 py-1.5")} onClick={() => setViewing(w)}>
                  Payload<span className="sr-only"> of {w.topic} received {when(w.receivedAt)}</span>
                </button>
                {canReplay && (
                  <button
                    type="button"
                    className={buttonClass("secondary", "px-2.5 py-1.5")}
                    onClick={() => setReplaying(w)}
                    disabled={Boolean(w.purgedAt) || w.status === "processing" || (replay.isPending && replay.variables === w.id)}
                    title={w.purgedAt ? "The payload was purged; it cannot be replayed." : w.status === "processing" ? "Being processed right now." : undefined}
                  >
                    Replay<span className="sr-only"> {w.topic} received {when(w.receivedAt)}</span>
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {list.data.nextCursor && <p className="pt-3 text-sm text-slate-500">Showing the newest 100 deliveries. Narrow the filters to find older ones.</p>}

      <Modal open={viewing !== null} onClose={() => setViewing(null)} title={viewing ? `${providerName(viewing.provider)} · ${viewing.topic}` : "Payload"} description={viewing?.externalId} wide>
        {viewing && <PayloadDetail id={viewing.id} />}
      </Modal>

      <ConfirmDialog
        open={replaying !== null}
        onClose={() => setReplaying(null)}
        onConfirm={() => replaying && replay.mutate(replaying.id)}
        title="Replay this delivery?"
        confirmLabel="Replay"
        pending={replay.isPending}
      >
        It is processed again in the background. Processing is idempotent: what already happened (a reply sent, a registration made) does not happen twice; what failed is tried again.
      </ConfirmDialog>
    </>
  );
}

function PayloadDetail({ id }: { id: string }) {
  const detail = useQuery({ queryKey: queryKeys.webhookEvent(id), queryFn: async () => (await apiFetch<{ data: WebhookEventDetail }>(`/api/v1/webhook-events/${id}`)).data });
  if (detail.isPending) return <p role="status" className="text-sm text-slate-500">Loading the payload…</p>;
  if (detail.isError) return <Alert>Could not load the payload: {detail.error.message}</Alert>;
  const w = detail.data;
  if (w.purgedAt) {
    return (
      <Alert tone="info">
        The payload was removed after the retention period (on {new Date(w.purgedAt).toISOString().slice(0, 10)}). Status, attempts, error and timings are kept.
      </Alert>
    );
  }
  const headers = Object.entries(w.headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="grid gap-4" data-testid="payload">
      <p className="text-xs text-slate-500">Signatures and account ids are masked.</p>
      <section>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Body</h3>
        <PayloadBody body={w.body} contentType={w.headers["content-type"]} />
      </section>
      <section>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Headers</h3>
        {headers.length === 0 ? <p className="text-sm text-slate-500">No headers were kept.</p> : <KeyValueTable caption="Headers" rows={headers} />}
      </section>
    </div>
  );
}
