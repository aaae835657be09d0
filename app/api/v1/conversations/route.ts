import { endpoint } from "@/lib/api/endpoint";
import { list } from "@/lib/api/schemas";
import { conversationSchema } from "@/lib/concierge/api-schemas";
import { listConversations, listConversationsQuery } from "@/lib/concierge/conversations";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/conversations",
    tag: "Conversations",
    summary: "List WhatsApp/SMS conversations, most recent activity first",
    description: "`needsHuman=true` lists the ones the concierge could not answer.",
    access: "conversations.read",
    query: listConversationsQuery,
    response: list(conversationSchema),
  },
  async ({ principal, query }) => listConversations(principal, query),
);
