import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one } from "@/lib/api/schemas";
import { conversationSchema } from "@/lib/concierge/api-schemas";
import { resolveConversation } from "@/lib/concierge/conversations";

export const dynamic = "force-dynamic";

export const POST = endpoint(
  { method: "POST", path: "/api/v1/conversations/{conversationId}/resolve", tag: "Conversations", summary: "Clear the needs-a-human flag", access: "conversations.reply", params: z.object({ conversationId: idOf("cnv") }), response: one(conversationSchema) },
  async ({ principal, params }) => ({ data: await resolveConversation(principal, params.conversationId) }),
);
