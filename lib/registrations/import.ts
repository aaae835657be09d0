import "server-only";
import { z } from "zod";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { revalidatePublicEvent } from "@/lib/events/public";
import { findEvent } from "@/lib/events/service";
import { notifyAfterCommit } from "@/lib/outbox/notifications";
import { publishChange } from "@/lib/realtime/publish";
import { checkAnswers, LOCKED_TX, lockEventForRegistration, registerInput, registerManyLocked } from "./service";

/**
 * Bulk registration from a CSV the browser parsed: one batch (up to 200 rows) per request. Each row is checked with
 * the same rules as a registration (registerInput, the event's questions); the valid ones are registered under one
 * lock of the event's row — seats in file order, then the waitlist — and announced to live dashboards once per batch.
 * A row whose email is already registered is `existing`, so uploading the same file again changes nothing.
 */
export const IMPORT_BATCH_MAX = 200;

export const importRowInput = z.object({
  line: z.number().int().min(1).describe("The row's line in the file (the header is line 1), echoed in the result."),
  name: z.string().max(2_000).default(""),
  email: z.string().max(2_000).default(""),
  phone: z.string().max(200).nullish(),
  answers: z.record(z.string().max(500), z.string().max(5_000)).default({}).describe("Answers by question label (case-insensitive), as the CSV's text."),
});
export const importInput = z.object({ rows: z.array(importRowInput).min(1).max(IMPORT_BATCH_MAX) });

export type ImportOutcome = "created" | "waitlisted" | "existing" | "error";
export type ImportRowResult = { line: number; outcome: ImportOutcome; registrationId: string | null; errors: { field: string; message: string }[] };

const TRUE = new Set(["yes", "y", "true", "1", "x", "on", "checked"]);
const FALSE = new Set(["no", "n", "false", "0", "off", ""]);

/** Imports one batch of rows; answers one result per row, in order. */
export async function importRegistrations(caller: Caller, eventId: string, input: z.input<typeof importInput>): Promise<ImportRowResult[]> {
  requirePermission(caller, "attendees.manage");
  await findEvent(caller, eventId);
  const { rows } = importInput.parse(input);
  const questions = await db.registrationQuestion.findMany({ where: { eventId }, orderBy: { position: "asc" } });
  const byLabel = new Map(questions.map((q) => [q.label.trim().toLowerCase(), q]));
  const labelOf = new Map(questions.map((q) => [q.id, q.label]));

  const results: ImportRowResult[] = [];
  const valid: { index: number; data: z.output<typeof registerInput> }[] = [];
  for (const row of rows) {
    const errors: ImportRowResult["errors"] = [];
    const answers: Record<string, string | boolean> = {};
    for (const [label, raw] of Object.entries(row.answers)) {
      const question = byLabel.get(label.trim().toLowerCase());
      if (!question) continue; // a column that is no question of this event (e.g. an export's status column)
      const text = raw.trim();
      if (question.kind === "checkbox") {
        if (TRUE.has(text.toLowerCase())) answers[question.id] = true;
        else if (FALSE.has(text.toLowerCase())) answers[question.id] = false;
        else errors.push({ field: question.label, message: "Expected yes or no." });
      } else if (question.kind === "choice") {
        answers[question.id] = (question.options as string[]).find((o) => o.toLowerCase() === text.toLowerCase()) ?? text;
      } else {
        answers[question.id] = text;
      }
    }
    const parsed = registerInput.safeParse({ name: row.name, email: row.email, phone: row.phone ?? null, answers });
    if (parsed.success) {
      try {
        checkAnswers(questions, parsed.data.answers);
      } catch (error) {
        if (!(error instanceof z.ZodError)) throw error;
        errors.push(...fieldErrors(error, labelOf));
      }
    } else {
      errors.push(...fieldErrors(parsed.error, labelOf));
    }
    results.push({ line: row.line, outcome: "error", registrationId: null, errors });
    if (errors.length === 0 && parsed.success) valid.push({ index: results.length - 1, data: parsed.data });
  }
  if (valid.length === 0) return results;

  const done = await db.$transaction(async (tx) => {
    const event = await lockEventForRegistration(tx, eventId);
    const notifications: string[] = [];
    let seatsTaken = false;
    let changed: string | null = null;
    const outcomes = await registerManyLocked(tx, event, questions, valid.map((v) => v.data), "import");
    for (const [i, outcome] of outcomes.entries()) {
      const result = results[valid[i]!.index]!;
      result.outcome = outcome.outcome === "confirmed" ? "created" : outcome.outcome;
      result.registrationId = outcome.registration.id;
      if (outcome.notification) notifications.push(outcome.notification);
      if (outcome.outcome === "confirmed") seatsTaken = true;
      if (outcome.outcome !== "existing") changed = outcome.registration.id;
    }
    // One live update per batch: dashboards refetch once, not once per row.
    if (changed) await publishChange(event.organizationId, "registration", changed, tx);
    return { notifications, seatsTaken, slug: event.slug };
  }, LOCKED_TX);
  if (done.seatsTaken) revalidatePublicEvent(done.slug);
  await notifyAfterCommit(done.notifications);
  return results;
}

/** Zod issues as { field, message }, with answers named by their question's label. */
function fieldErrors(error: z.ZodError, labelOf: Map<string, string>): ImportRowResult["errors"] {
  return error.issues.map((issue) => {
    const [first, second] = issue.path;
    const field = first === "answers" && typeof second === "string" ? (labelOf.get(second) ?? "answers") : String(first ?? "row");
    return { field, message: issue.message };
  });
}
