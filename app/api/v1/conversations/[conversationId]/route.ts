import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf, one } from "@/lib/api/schemas";
import { conversationSchema } from "@/lib/concierge/api-schemas";
import { getConversation } from "@/lib/concierge/conversations";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/conversations/{conversationId}", tag: "Conversations", summary: "Get a conversation", access: "conversations.read", params: z.object({ conversationId: idOf("cnv") }), response: one(conversationSchema) },
  async ({ principal, params }) => ({ data: await getConversation(principal, params.conversationId) }),
);
