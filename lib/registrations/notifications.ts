import "server-only";
import type { Registration } from "@/lib/generated/prisma/client";

/**
 * What attendees are told, and when. Called by the registration and event services after their transaction
 * commits. (Filled in by the emails-and-reminders work: confirmation with ticket link and .ics, waitlisted,
 * promoted, cancelled, reminders 24 h and 1 h before, event cancelled.)
 */
export function registrationChanged(change: { kind: "confirmed" | "waitlisted" | "promoted" | "cancelled"; registration: Registration }): Promise<void> {
  void change;
  return Promise.resolve();
}

export function eventCancelled(eventId: string): Promise<void> {
  void eventId;
  return Promise.resolve();
}
