import { z } from "zod";
import { timestamp } from "@/lib/api/schemas";

/** Response shapes of /api/v1/jobs (the OpenAPI document is generated from them). */

export const jobRunSchema = z.object({
  id: z.string(),
  functionId: z.string().describe("process-webhook, send-email, send-message, registration-reminders …"),
  eventName: z.string().describe("the event that started the run"),
  status: z.enum(["queued", "running", "waiting", "completed", "failed", "cancelled"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  durationMs: z.number().int().nullable(),
  rerunOf: z.string().nullable().describe("the run this one re-runs"),
});
export const jobRunDetailSchema = jobRunSchema.extend({
  event: z.unknown().describe("the triggering event: name and data (ids of this organization's records)"),
  output: z.unknown().describe("what the function returned, once completed"),
  steps: z.array(z.object({ name: z.string().nullable(), op: z.string().describe("ran, errored, failed, slept, waited …"), attempt: z.number().int(), error: z.string().nullable(), at: timestamp })),
});
export const jobRerunSchema = z.object({ id: z.string().describe("the new run"), rerunOf: z.string() });
