"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchPage, summaryKey, fetchSummary, type Attendee } from "@/components/attendees/data";
import { buttonClass } from "@/components/ui/button-class";
import { queryKeys } from "@/lib/query/keys";
import { formatInZone } from "@/lib/time";
import { QrScanner } from "./qr-scanner";

type Outcome =
  | { kind: "checked-in"; name: string }
  | { kind: "already"; name: string; at: string }
  | { kind: "not-found" }
  | { kind: "waitlisted" | "cancelled"; name: string | null }
  | { kind: "other-event"; name: string | null; eventTitle: string | null }
  | { kind: "error"; message: string };

type Problem = { code?: string; detail?: string; registrationStatus?: string; name?: string; eventTitle?: string | null };
type CheckedIn = { data: Attendee & { alreadyCheckedInAt: string | null } };

/** A pasted ticket link (…/t/<token>) or the bare token from the QR code. */
export function ticketTokenFrom(input: string): string | null {
  const text = input.trim();
  const fromUrl = /\/t\/([A-Za-z0-9]{20,64})(?:[/?#]|$)/.exec(text);
  if (fromUrl) return fromUrl[1]!;
  return /^[A-Za-z0-9]{20,64}$/.test(text) ? text : null;
}

/**
 * Check-in at the door, made for a phone: scan a QR code (where the browser can), type or paste the ticket code,
 * or search by name and tap the person. The answer is one big, unambiguous panel. Uses the check-in API, which
 * also answers who a refused ticket belongs to (waitlisted, cancelled, another event).
 */
async function postCheckIn(path: string, body?: unknown): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", credentials: "same-origin", headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : null });
  } catch {
    return { kind: "error", message: "Could not reach Eventline. Check the connection and try again." };
  }
  if (response.ok) {
    const { data } = (await response.json()) as CheckedIn;
    return data.alreadyCheckedInAt ? { kind: "already", name: data.name, at: data.alreadyCheckedInAt } : { kind: "checked-in", name: data.name };
  }
  const problem = (await response.json().catch(() => ({}))) as Problem;
  if (response.status === 404 || problem.code === "validation_failed") return { kind: "not-found" };
  if (problem.code === "other_event") return { kind: "other-event", name: problem.name ?? null, eventTitle: problem.eventTitle ?? null };
  if (problem.code === "not_confirmed") return { kind: problem.registrationStatus === "waitlisted" ? "waitlisted" : "cancelled", name: problem.name ?? null };
  return { kind: "error", message: problem.detail ?? `Check-in failed (${response.status}).` };
}

const TONE = {
  "checked-in": "border-emerald-300 bg-emerald-50 text-emerald-900",
  already: "border-amber-300 bg-amber-50 text-amber-900",
  waitlisted: "border-amber-300 bg-amber-50 text-amber-900",
  cancelled: "border-red-300 bg-red-50 text-red-900",
  "other-event": "border-red-300 bg-red-50 text-red-900",
  "not-found": "border-red-300 bg-red-50 text-red-900",
  error: "border-red-300 bg-red-50 text-red-900",
} as const;

export function CheckInView({ eventId, timezone, canSeeCounts }: { eventId: string; timezone: string; canSeeCounts: boolean }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const tokenInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const summary = useQuery({ queryKey: summaryKey(eventId), queryFn: ({ signal }) => fetchSummary(eventId, signal), enabled: canSeeCounts });
  const results = useQuery({
    queryKey: queryKeys.registrations(eventId, { view: "check-in", q }),
    queryFn: ({ signal }) => fetchPage(eventId, { q, status: "all" }, null, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });

  const checkIn = useMutation({
    mutationFn: (by: { token: string } | { registrationId: string }) =>
      "token" in by ? postCheckIn("/api/v1/check-in", { ticketToken: by.token, eventId }) : postCheckIn(`/api/v1/registrations/${by.registrationId}/check-in`),
    onSuccess: (result) => {
      setOutcome(result);
      if (result.kind === "checked-in") void queryClient.invalidateQueries({ queryKey: ["registration", eventId] });
    },
  });

  const submitToken = (value: string) => {
    const ticket = ticketTokenFrom(value);
    if (!ticket) {
      setOutcome({ kind: "not-found" });
      return;
    }
    checkIn.mutate({ token: ticket });
    setToken("");
  };

  const time = (iso: string) => formatInZone(new Date(iso), timezone, { timeStyle: "short" });
  const message = (o: Outcome) => {
    switch (o.kind) {
      case "checked-in":
        return { title: `Checked in: ${o.name}`, detail: "Welcome them in." };
      case "already":
        return { title: `Already checked in at ${time(o.at)}`, detail: `${o.name} (time in ${timezone})` };
      case "not-found":
        return { title: "Not found", detail: "No ticket with this code for your organization. Check the code, or search by name." };
      case "waitlisted":
        return { title: "On the waitlist", detail: `${o.name ?? "This person"} has no seat yet. Do not check them in.` };
      case "cancelled":
        return { title: "Cancelled", detail: `${o.name ?? "This registration"} was cancelled.` };
      case "other-event":
        return { title: "Ticket for another event", detail: `${o.name ?? "This person"} is registered for ${o.eventTitle ? `“${o.eventTitle}”` : "a different event"}, not this one.` };
      case "error":
        return { title: "Could not check in", detail: o.message };
    }
  };
  const shown = outcome ? message(outcome) : null;

  return (
    <div className="mx-auto grid max-w-xl grid-cols-1 gap-5">
      <div aria-live="polite" role="status" data-testid="check-in-result" data-kind={outcome?.kind ?? "none"}>
        {checkIn.isPending ? (
          <div className="rounded-2xl border-2 border-slate-200 bg-white px-5 py-6 text-center text-lg text-slate-700">Checking…</div>
        ) : shown && outcome ? (
          <div className={`rounded-2xl border-2 px-5 py-6 text-center ${TONE[outcome.kind]}`}>
            <p className="text-2xl font-bold break-words sm:text-3xl">{shown.title}</p>
            <p className="mt-1 text-base break-words">{shown.detail}</p>
          </div>
        ) : (
          <div className="rounded-2xl border-2 border-dashed border-slate-300 px-5 py-6 text-center text-slate-600">Scan a ticket, type its code, or search by name.</div>
        )}
      </div>

      {summary.data && (
        <p className="text-center text-sm text-slate-700" data-testid="checked-in-count">
          <span className="font-semibold tabular-nums">{summary.data.checkedIn}</span> of <span className="tabular-nums">{summary.data.confirmed}</span> confirmed checked in
        </p>
      )}

      <QrScanner onScan={submitToken} />

      <form
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submitToken(token);
          tokenInput.current?.focus();
        }}
      >
        <label htmlFor="ticket-code" className="text-sm font-medium text-slate-700">
          Ticket code
        </label>
        <div className="flex gap-2">
          <input
            ref={tokenInput}
            id="ticket-code"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="Code or ticket link"
            className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-3 font-mono text-base shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
          />
          <button type="submit" className={buttonClass("primary", "px-5 py-3 text-base")} disabled={checkIn.isPending || token.trim() === ""}>
            Check in
          </button>
        </div>
      </form>

      <div className="grid grid-cols-1 gap-2">
        <label htmlFor="check-in-search" className="text-sm font-medium text-slate-700">
          Search by name
        </label>
        <input
          id="check-in-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          autoComplete="off"
          placeholder="At least 2 letters"
          className="rounded-lg border border-slate-300 bg-white px-3 py-3 text-base shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
        />
        {q.length >= 2 && (
          <div className={results.isPlaceholderData ? "opacity-60" : ""}>
            {results.isError ? (
              <p className="text-sm text-red-700">Search failed: {results.error.message}</p>
            ) : results.data && results.data.data.length === 0 ? (
              <p className="py-3 text-center text-slate-600">Nobody called “{q}”.</p>
            ) : (
              <ul className="grid grid-cols-1 gap-2" aria-label="People found" data-testid="check-in-results">
                {results.data?.data.map((r) => (
                  <li key={r.id}>
                    <button
                      type="button"
                      onClick={() => checkIn.mutate({ registrationId: r.id })}
                      disabled={checkIn.isPending}
                      className="flex min-h-14 w-full items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 text-left shadow-xs hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
                    >
                      <span className="min-w-0">
                        <span className="block truncate text-base font-semibold text-slate-900">{r.name}</span>
                        <span className="block truncate text-sm text-slate-600">{r.email}</span>
                      </span>
                      <span className="shrink-0 text-sm font-medium">
                        {r.status !== "confirmed" ? (
                          <span className="text-amber-800">{r.status === "waitlisted" ? "Waitlist" : "Cancelled"}</span>
                        ) : r.checkedInAt ? (
                          <span className="text-emerald-800">✓ {time(r.checkedInAt)}</span>
                        ) : (
                          <span className="text-brand-700">Check in</span>
                        )}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
