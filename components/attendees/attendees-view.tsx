"use client";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Alert, Badge, EmptyState } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { apiFetch, ApiError } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import { formatInZone } from "@/lib/time";
import { ConfirmDialog } from "./confirm-dialog";
import { fetchPage, fetchSummary, listKey, summaryKey, type Attendee, type AttendeePage, type ListFilters, type StatusFilter } from "./data";

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "confirmed", label: "Confirmed" },
  { value: "waitlisted", label: "Waitlisted" },
  { value: "cancelled", label: "Cancelled" },
];

/** Waits until the value has been still for `ms`, so typing a search sends one request, not one per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** "Dietary needs: vegan · Newsletter: yes" — a registration's answers, in the questions' order. */
function answerLine(answers: Attendee["answers"], questions: readonly { id: string; label: string }[]): string {
  return questions
    .filter((q) => answers[q.id] !== undefined && answers[q.id] !== "")
    .map((q) => {
      const value = answers[q.id];
      return `${q.label}: ${value === true ? "yes" : value === false ? "no" : String(value)}`;
    })
    .join(" · ");
}

function Answers({ line }: { line: string }) {
  if (!line) return null;
  return (
    <div className="mt-0.5 text-xs break-words whitespace-normal text-slate-600" data-testid="attendee-answers">
      {line}
    </div>
  );
}

/**
 * The attendee table of one event: search, status filter with counts, newest first, "Load more" pages from the
 * server (so 10,000 registrations cost one page at a time), cancel (confirmed in a dialog) and promote, both
 * optimistic with a toast when the server refuses. Live: registrations made elsewhere invalidate the list.
 */
export function AttendeesView({ eventId, timezone, canManage, questions = [] }: { eventId: string; timezone: string; canManage: boolean; questions?: readonly { id: string; label: string }[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<StatusFilter>("all");
  const q = useDebounced(search.trim(), 300);
  const filters: ListFilters = { q, status };
  const [confirming, setConfirming] = useState<Attendee | null>(null);

  const summary = useQuery({ queryKey: summaryKey(eventId), queryFn: ({ signal }) => fetchSummary(eventId, signal) });
  const list = useInfiniteQuery({
    queryKey: listKey(eventId, filters),
    queryFn: ({ pageParam, signal }) => fetchPage(eventId, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  /** Applies a change to the row in every cached list of this event; returns how to undo it. */
  const patchRows = (id: string, patch: Partial<Attendee>) => {
    const snapshot = queryClient.getQueriesData<InfiniteData<AttendeePage>>({ queryKey: queryKeys.registrations(eventId) });
    queryClient.setQueriesData<InfiniteData<AttendeePage>>({ queryKey: ["registration", eventId] }, (data) =>
      data && "pages" in data ? { ...data, pages: data.pages.map((p) => ({ ...p, data: p.data.map((r) => (r.id === id ? { ...r, ...patch } : r)) })) } : data,
    );
    return () => snapshot.forEach(([key, data]) => queryClient.setQueryData(key, data));
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["registration", eventId] });

  const cancel = useMutation({
    mutationFn: (r: Attendee) => apiFetch(`/api/v1/registrations/${r.id}/cancel`, { method: "POST" }),
    onMutate: async (r) => {
      await queryClient.cancelQueries({ queryKey: ["registration", eventId] });
      return { undo: patchRows(r.id, { status: "cancelled", waitlistPosition: null }) };
    },
    onError: (error, r, context) => {
      context?.undo();
      toast("error", `Could not cancel ${r.name}: ${error.message}`);
    },
    onSuccess: (_data, r) => toast("success", `Cancelled ${r.name}’s registration.`),
    onSettled: refresh,
  });
  const promote = useMutation({
    mutationFn: (r: Attendee) => apiFetch(`/api/v1/registrations/${r.id}/promote`, { method: "POST" }),
    onMutate: async (r) => {
      await queryClient.cancelQueries({ queryKey: ["registration", eventId] });
      return { undo: patchRows(r.id, { status: "confirmed", waitlistPosition: null }) };
    },
    onError: (error, r, context) => {
      context?.undo();
      toast("error", `Could not promote ${r.name}: ${error.message}`);
    },
    onSuccess: (_data, r) => toast("success", `${r.name} has a seat now.`),
    onSettled: refresh,
  });

  const counts = summary.data;
  const countOf = (s: StatusFilter) => (counts ? (s === "all" ? counts.total : counts[s]) : null);
  const when = (iso: string) => formatInZone(new Date(iso), timezone, { dateStyle: "medium", timeStyle: "short" });
  const time = (iso: string) => formatInZone(new Date(iso), timezone, { timeStyle: "short" });
  const filtered = q !== "" || status !== "all";
  const statusBadge = (r: Attendee) => <Badge tone={r.status === "confirmed" ? "emerald" : r.status === "waitlisted" ? "amber" : "slate"}>{r.status === "waitlisted" ? `waitlist #${r.waitlistPosition}` : r.status}</Badge>;
  const seatsLeft = counts?.seatsLeft ?? 0;

  return (
    <div className="grid gap-4">
      {counts && (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="attendee-counts">
          {[
            ["Confirmed", `${counts.confirmed} / ${counts.capacity}`],
            ["Seats left", String(counts.seatsLeft)],
            ["Waitlisted", String(counts.waitlisted)],
            ["Checked in", String(counts.checkedIn)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
              <dt className="text-xs text-slate-600 uppercase">{label}</dt>
              <dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      )}

      <section className="min-w-0 rounded-xl border border-slate-200 bg-white shadow-xs" aria-labelledby="attendees-heading">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-4">
          <h2 id="attendees-heading" className="font-semibold text-slate-900">
            Registrations
          </h2>
          <a href={`/api/v1/events/${eventId}/registrations.csv`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        </header>
        <div className="px-5 py-4">
          <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end" role="search">
            <div className="flex flex-1 flex-col gap-1.5">
              <label htmlFor="attendee-search" className="text-sm font-medium text-slate-700">
                Search
              </label>
              <input
                id="attendee-search"
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Name or email"
                autoComplete="off"
                className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
              />
            </div>
            <fieldset className="flex flex-wrap gap-1">
              <legend className="sr-only">Status</legend>
              {STATUSES.map((s) => {
                const n = countOf(s.value);
                return (
                  <button
                    key={s.value}
                    type="button"
                    aria-pressed={status === s.value}
                    onClick={() => setStatus(s.value)}
                    className={`rounded-lg px-3 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none ${status === s.value ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
                  >
                    {s.label}
                    {n !== null && <span className="ml-1.5 tabular-nums opacity-80">{n}</span>}
                  </button>
                );
              })}
            </fieldset>
          </div>

          <p className="sr-only" role="status">
            {list.isFetching ? "Loading registrations…" : `${rows.length} ${rows.length === 1 ? "registration" : "registrations"} shown`}
          </p>
          {list.isError && !list.data ? (
            <Alert>
              Could not load registrations: {list.error.message}{" "}
              <button type="button" className="font-medium underline" onClick={() => void list.refetch()}>
                Try again
              </button>
            </Alert>
          ) : list.isPending ? (
            <div role="status" aria-label="Loading registrations" className="h-40 animate-pulse rounded-lg bg-slate-100" />
          ) : rows.length === 0 ? (
            <EmptyState title={filtered ? "No registrations match" : "No registrations yet"}>{filtered ? "Try another name, email or status." : "New registrations appear here as they come in."}</EmptyState>
          ) : (
            <div className={`overflow-x-auto transition-opacity ${list.isPlaceholderData ? "opacity-60" : ""}`}>
              <table className="w-full text-left text-sm" data-testid="attendees-table">
                <caption className="sr-only">Registrations, newest first</caption>
                <thead className="text-xs text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Attendee</th>
                    <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Status</th>
                    <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Checked in</th>
                    <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Registered</th>
                    {canManage && (
                      <th scope="col" className="py-2 font-medium">
                        <span className="sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((r) => (
                    <tr key={r.id} data-testid="attendee-row" data-status={r.status} className="align-middle">
                      <td className="max-w-[11rem] py-2.5 pr-4 sm:max-w-[14rem] lg:max-w-[20rem]">
                        <div className="truncate font-medium text-slate-900" title={r.name}>{r.name}</div>
                        <div className="truncate text-slate-600" title={r.email}>{r.email}</div>
                        {r.phone && <div className="truncate text-xs text-slate-600">{r.phone}</div>}
                        <Answers line={answerLine(r.answers, questions)} />
                        {/* On a phone, status and check-in sit under the name instead of in their own columns. */}
                        <div className="mt-1 flex flex-wrap items-center gap-2 sm:hidden">
                          {statusBadge(r)}
                          {r.checkedInAt && <span className="text-xs text-emerald-800">✓ checked in {time(r.checkedInAt)}</span>}
                        </div>
                      </td>
                      <td className="hidden py-2.5 pr-4 whitespace-nowrap sm:table-cell">{statusBadge(r)}</td>
                      <td className="hidden py-2.5 pr-4 whitespace-nowrap text-slate-700 sm:table-cell">{r.checkedInAt ? <span className="text-emerald-800">✓ {time(r.checkedInAt)}</span> : <span className="text-slate-500">—</span>}</td>
                      <td className="hidden py-2.5 pr-4 whitespace-nowrap text-slate-600 sm:table-cell">{when(r.createdAt)}</td>
                      {canManage && (
                        <td className="py-2.5">
                          <div className="flex justify-end gap-2">
                            {r.status === "waitlisted" && seatsLeft > 0 && (
                              <button type="button" className={buttonClass("secondary", "px-2.5 py-1.5")} onClick={() => promote.mutate(r)} aria-label={`Promote ${r.name}`}>
                                Promote
                              </button>
                            )}
                            {r.status !== "cancelled" && (
                              <button type="button" className={buttonClass("ghost", "px-2.5 py-1.5")} onClick={() => setConfirming(r)} aria-label={`Cancel ${r.name}’s registration`}>
                                Cancel
                              </button>
                            )}
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.isError && list.data && <p className="mt-3 text-sm text-red-700">Could not refresh: {list.error instanceof ApiError ? list.error.detail : "try again"}.</p>}
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
            <span data-testid="attendees-shown">
              Showing {rows.length}
              {!filtered && counts ? ` of ${counts.total}` : ""}
            </span>
            {list.hasNextPage && (
              <button type="button" className={buttonClass("secondary")} disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            )}
          </div>
        </div>
      </section>

      <ConfirmDialog
        open={confirming !== null}
        title={`Cancel ${confirming?.name ?? ""}’s registration?`}
        confirmLabel="Yes, cancel it"
        cancelLabel="Keep registration"
        onConfirm={() => confirming && cancel.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        They are told by email. A freed seat goes to the first person on the waitlist.
      </ConfirmDialog>
    </div>
  );
}
