import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event Eventline sends, with its payload schema. `inngest.send()` validates against these, and a function
 * receiving a malformed payload fails as non-retriable with the reason recorded.
 */
export const demoPipelineRequested = eventType("demo/pipeline.requested", {
  schema: z.object({ label: z.string().min(1).max(100), failFirstAttempts: z.number().int().min(0).max(3).optional() }),
});

export const emailRequested = eventType("email/send.requested", {
  schema: z.object({ emailId: z.string().startsWith("eml_") }),
});

export const messageRequested = eventType("message/send.requested", {
  schema: z.object({ messageId: z.string().startsWith("msg_") }),
});

export const benchPipelineRequested = eventType("bench/pipeline.requested", {
  schema: z.object({ n: z.number().int() }),
});

/** A registration got a seat (on registering, or promoted from the waitlist): schedules its reminders. */
export const registrationConfirmed = eventType("registration/confirmed", {
  schema: z.object({ registrationId: z.string().startsWith("reg_") }),
});

/** The organizer cancelled an event: every confirmed and waitlisted attendee is told. */
export const eventCancellation = eventType("event/cancelled", {
  schema: z.object({ eventId: z.string().startsWith("evt_") }),
});

/** A provider webhook was stored, or put back for a replay: process it (event id = the webhook event's id, or a replay's). */
export const webhookReceived = eventType("webhook/received", {
  schema: z.object({ webhookEventId: z.string().startsWith("whk_") }),
});

/** An event's start time changed: reminder runs waiting for its old reminder time look again. */
export const eventRescheduled = eventType("event/rescheduled", {
  schema: z.object({ eventId: z.string().startsWith("evt_") }),
});
