import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one, questionSchema } from "@/lib/api/schemas";
import { deleteQuestion, updateQuestion, updateQuestionInput } from "@/lib/events/service";

export const dynamic = "force-dynamic";
const params = z.object({ eventId: idOf("evt"), questionId: idOf("rq") });

export const PATCH = endpoint(
  { method: "PATCH", path: "/api/v1/events/{eventId}/questions/{questionId}", tag: "Events", summary: "Change a registration question", description: "Changing `kind` away from `choice` drops its options.", access: "events.manage", params, body: updateQuestionInput, response: one(questionSchema) },
  async ({ principal, params: { eventId, questionId }, body }) => ({ data: await updateQuestion(principal, eventId, questionId, body) }),
);

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/events/{eventId}/questions/{questionId}", tag: "Events", summary: "Remove a registration question", description: "Answers already given stay on the registrations.", access: "events.manage", params, status: 204 },
  async ({ principal, params: { eventId, questionId } }) => deleteQuestion(principal, eventId, questionId),
);
