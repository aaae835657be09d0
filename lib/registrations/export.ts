import "server-only";
import { stringify } from "csv-stringify/sync";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { findEvent } from "@/lib/events/service";

/**
 * An event's registrations as CSV, streamed in pages of BATCH rows (memory stays flat however large the event).
 * One column per custom question, after the fixed ones. Times are ISO 8601 UTC.
 */
const BATCH = 2_000;

export async function registrationsCsv(caller: Caller, eventId: string): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  requirePermission(caller, "attendees.read");
  const event = await findEvent(caller, eventId);
  const questions = await db.registrationQuestion.findMany({ where: { eventId, organizationId: caller.organizationId }, orderBy: { position: "asc" } });
  const header = ["id", "name", "email", "phone", "status", "source", "waitlist_position", "checked_in_at", "registered_at", ...questions.map((q) => q.label)];
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let first = true;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await db.registration.findMany({
        where: { eventId, organizationId: caller.organizationId },
        orderBy: { id: "asc" },
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: { id: true, name: true, email: true, phone: true, status: true, source: true, waitlistPosition: true, checkedInAt: true, createdAt: true, answers: true },
      });
      const records = rows.map((r) => {
        const answers = (r.answers ?? {}) as Record<string, string | boolean>;
        return [r.id, r.name, r.email, r.phone ?? "", r.status, r.source, r.waitlistPosition ?? "", r.checkedInAt?.toISOString() ?? "", r.createdAt.toISOString(), ...questions.map((q) => answers[q.id] ?? "")];
      });
      const text = stringify(first ? [header, ...records] : records, { cast: { boolean: (b) => (b ? "yes" : "no") } });
      first = false;
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < BATCH) controller.close();
      else cursor = rows[rows.length - 1]!.id;
    },
  });
  return { filename: `${event.slug}-registrations.csv`, stream };
}
