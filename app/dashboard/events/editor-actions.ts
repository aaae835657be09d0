"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/action";
import { AppError } from "@/lib/api/errors";
import {
  addFaq,
  addQuestion,
  addSession,
  deleteFaq,
  deleteQuestion,
  deleteSession,
  findEvent,
  listFaqs,
  listQuestions,
  updateEvent,
  updateFaq,
  updateQuestion,
  updateSession,
} from "@/lib/events/service";
import { timeZoneSchema, zonedToUtc } from "@/lib/time";

/**
 * The event editor's server actions (details, schedule, FAQs, registration questions). Forms carry wall-clock times
 * in the event's zone; the services get instants. A service's refusal that concerns one field (capacity below the
 * confirmed count, a taken address) comes back as that field's error, so the form shows it next to the input.
 */

const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Pick a date and time.");
const optionalLocal = z.union([z.literal(""), local]).optional();
const eventId = z.string().regex(/^evt_[A-Za-z0-9]{22}$/, "Unknown event.");
const itemId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{22}$`), "Unknown item.");
const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);
const FIELD_OF_CODE: Record<string, string> = { capacity_below_confirmed: "capacity", slug_taken: "slug" };

/** Turns a service refusal about one field into that field's validation error. */
async function asFieldErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const field = error instanceof AppError ? FIELD_OF_CODE[error.code] : undefined;
    if (field) throw new z.ZodError([{ code: "custom", path: [field], message: error instanceof AppError ? error.detail : "", input: undefined }]);
    throw error;
  }
}

const refresh = (id: string) => {
  revalidatePath(`/dashboard/events/${id}`);
  revalidatePath("/dashboard/events");
};

export const updateEventDetailsAction = memberAction(
  "events.manage",
  z.object({
    eventId,
    title: z.string(),
    description: z.string().default(""),
    venue: z.string().optional(),
    onlineUrl: z.string().optional(),
    timezone: timeZoneSchema,
    startsLocal: local,
    endsLocal: local,
    capacity: z.coerce.number({ message: "Enter a number of seats." }).int("Enter a whole number.").min(1, "At least one seat."),
    registrationOpensLocal: optionalLocal,
    registrationClosesLocal: optionalLocal,
  }),
  async ({ workspace, input }) => {
    const at = (value: string | undefined) => (value ? zonedToUtc(value, input.timezone).toISOString() : null);
    const opens = at(input.registrationOpensLocal);
    const closes = at(input.registrationClosesLocal);
    if (opens && closes && closes <= opens) throw new z.ZodError([{ code: "custom", path: ["registrationClosesLocal"], message: "Registration must close after it opens.", input: closes }]);
    await asFieldErrors(() =>
      updateEvent(workspace.caller, input.eventId, {
        title: input.title,
        description: input.description,
        venue: blankToNull(input.venue),
        onlineUrl: blankToNull(input.onlineUrl),
        timezone: input.timezone,
        startsAt: zonedToUtc(input.startsLocal, input.timezone).toISOString(),
        endsAt: zonedToUtc(input.endsLocal, input.timezone).toISOString(),
        capacity: input.capacity,
        registrationOpensAt: opens,
        registrationClosesAt: closes,
      }),
    );
    refresh(input.eventId);
    return { ok: true, message: "Details saved." };
  },
);

export const saveSessionAction = memberAction(
  "events.manage",
  z.object({
    eventId,
    sessionId: itemId("ses").optional(),
    title: z.string(),
    speaker: z.string().optional(),
    room: z.string().optional(),
    startsLocal: local,
    endsLocal: local,
    isKeynote: z.string().optional(),
  }),
  async ({ workspace, input }) => {
    const event = await findEvent(workspace.caller, input.eventId);
    const data = {
      title: input.title,
      speaker: blankToNull(input.speaker),
      room: blankToNull(input.room),
      startsAt: zonedToUtc(input.startsLocal, event.timezone).toISOString(),
      endsAt: zonedToUtc(input.endsLocal, event.timezone).toISOString(),
      isKeynote: input.isKeynote === "on",
    };
    if (input.sessionId) await updateSession(workspace.caller, input.eventId, input.sessionId, data);
    else await addSession(workspace.caller, input.eventId, data);
    refresh(input.eventId);
    return { ok: true, message: input.sessionId ? "Session saved." : "Session added." };
  },
);

export const deleteSessionAction = memberAction("events.manage", z.object({ eventId, sessionId: itemId("ses") }), async ({ workspace, input }) => {
  await deleteSession(workspace.caller, input.eventId, input.sessionId);
  refresh(input.eventId);
  return { ok: true, message: "Session removed." };
});

export const saveFaqAction = memberAction("events.manage", z.object({ eventId, faqId: itemId("faq").optional(), question: z.string(), answer: z.string() }), async ({ workspace, input }) => {
  if (input.faqId) await updateFaq(workspace.caller, input.eventId, input.faqId, { question: input.question, answer: input.answer });
  else {
    const position = (await listFaqs(workspace.caller, input.eventId)).length; // new FAQs go last
    await addFaq(workspace.caller, input.eventId, { question: input.question, answer: input.answer, position });
  }
  refresh(input.eventId);
  return { ok: true, message: input.faqId ? "FAQ saved." : "FAQ added." };
});

export const deleteFaqAction = memberAction("events.manage", z.object({ eventId, faqId: itemId("faq") }), async ({ workspace, input }) => {
  await deleteFaq(workspace.caller, input.eventId, input.faqId);
  refresh(input.eventId);
  return { ok: true, message: "FAQ removed." };
});

export const saveQuestionAction = memberAction(
  "events.manage",
  z.object({ eventId, questionId: itemId("rq").optional(), label: z.string(), kind: z.enum(["text", "choice", "checkbox"], { message: "Choose a kind of answer." }), options: z.string().default(""), required: z.string().optional() }),
  async ({ workspace, input }) => {
    // One option per line; only a choice has options.
    const options = input.kind === "choice" ? input.options.split("\n").map((o) => o.trim()).filter(Boolean) : [];
    const data = { label: input.label, kind: input.kind, options, required: input.required === "on" };
    if (input.questionId) await updateQuestion(workspace.caller, input.eventId, input.questionId, data);
    else {
      const position = (await listQuestions(workspace.caller, input.eventId)).length;
      await addQuestion(workspace.caller, input.eventId, { ...data, position });
    }
    refresh(input.eventId);
    return { ok: true, message: input.questionId ? "Question saved." : "Question added." };
  },
);

export const deleteQuestionAction = memberAction("events.manage", z.object({ eventId, questionId: itemId("rq") }), async ({ workspace, input }) => {
  await deleteQuestion(workspace.caller, input.eventId, input.questionId);
  refresh(input.eventId);
  return { ok: true, message: "Question removed." };
});
