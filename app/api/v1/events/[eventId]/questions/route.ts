import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, list, one, questionSchema } from "@/lib/api/schemas";
import { addQuestion, createQuestionInput, listQuestions } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt") });

export const GET = endpoint(
  { method: "GET", path: "/api/v1/events/{eventId}/questions", tag: "Events", summary: "The event's registration questions", description: "In form order (`position`, then id).", access: "events.read", params, response: list(questionSchema) },
  async ({ principal, params: { eventId } }) => ({ data: await listQuestions(principal, eventId), nextCursor: null }),
);

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/events/{eventId}/questions",
    tag: "Events",
    summary: "Add a registration question",
    description: "`kind` is `text`, `choice` (with at least two `options`) or `checkbox`. Registrations answer it in `answers[<question id>]`.",
    access: "events.manage",
    params,
    body: createQuestionInput,
    response: one(questionSchema),
    status: 201,
  },
  async ({ principal, params: { eventId }, body }) => ({ data: await addQuestion(principal, eventId, body) }),
);
