import { apiFetch } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";

/** Attendee data as the browser sees it (/api/v1 JSON: ISO strings for times), shared by the attendee and check-in views. */
export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled";
export type Attendee = {
  id: string;
  eventId: string;
  name: string;
  email: string;
  phone: string | null;
  status: RegistrationStatus;
  source: string;
  waitlistPosition: number | null;
  checkedInAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  /** Answers to the event's registration questions, by question id. */
  answers: Record<string, string | boolean>;
};
export type AttendeePage = { data: Attendee[]; nextCursor: string | null };
export type Summary = { capacity: number; seatsLeft: number; confirmed: number; waitlisted: number; cancelled: number; checkedIn: number; total: number };
export type StatusFilter = "all" | RegistrationStatus;
export type ListFilters = { q: string; status: StatusFilter };

export const PAGE_SIZE = 50;

/** The list's query key (topic `registration`, so live updates refetch it); server prefetch and browser agree on it. */
export const listKey = (eventId: string, filters: ListFilters) => queryKeys.registrations(eventId, { view: "list", q: filters.q, status: filters.status });
export const summaryKey = (eventId: string) => queryKeys.registrations(eventId, { view: "summary" });

export function listPath(eventId: string, filters: ListFilters, cursor: string | null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams({ limit: String(limit), order: "desc" });
  if (filters.q) params.set("q", filters.q);
  if (filters.status !== "all") params.set("status", filters.status);
  if (cursor) params.set("cursor", cursor);
  return `/api/v1/events/${eventId}/registrations?${params.toString()}`;
}

export const fetchPage = (eventId: string, filters: ListFilters, cursor: string | null, signal?: AbortSignal) => apiFetch<AttendeePage>(listPath(eventId, filters, cursor), { signal: signal ?? null });
export const fetchSummary = (eventId: string, signal?: AbortSignal) => apiFetch<{ data: Summary }>(`/api/v1/events/${eventId}/registrations/summary`, { signal: signal ?? null }).then((r) => r.data);

/** Server DTOs (Dates) as the JSON the API answers, so hydrated and fetched data have one shape. */
export const asJson = <T,>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;
