import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, list, one } from "@/lib/api/schemas";
import { conversationMessageSchema } from "@/lib/concierge/api-schemas";
import { listConversationMessages, listMessagesQuery, replyInput, replyToConversation } from "@/lib/concierge/conversations";

export const dynamic = "force-dynamic";

const params = z.object({ conversationId: idOf("cnv") });

export const GET = endpoint(
  { method: "GET", path: "/api/v1/conversations/{conversationId}/messages", tag: "Conversations", summary: "A conversation's messages, oldest first", access: "conversations.read", params, query: listMessagesQuery, response: list(conversationMessageSchema) },
  async ({ principal, params: { conversationId }, query }) => listConversationMessages(principal, conversationId, query),
);

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/conversations/{conversationId}/messages",
    tag: "Conversations",
    summary: "Reply by hand",
    description: "Stored in the thread and sent on the conversation's channel from the number the attendee wrote to (Twilio, or captured without Twilio keys). 409 `opted_out` when the attendee replied STOP.",
    access: "conversations.reply",
    params,
    body: replyInput,
    response: one(conversationMessageSchema),
    status: 201,
  },
  async ({ principal, params: { conversationId }, body }) => ({ data: await replyToConversation(principal, conversationId, body) }),
);
