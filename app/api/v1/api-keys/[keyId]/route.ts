import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf } from "@/lib/api/schemas";
import { revokeApiKey } from "@/lib/auth/api-keys";

export const dynamic = "force-dynamic";

export const DELETE = endpoint(
  { method: "DELETE", path: "/api/v1/api-keys/{keyId}", tag: "API keys", summary: "Revoke an API key", access: "apikeys.manage", params: z.object({ keyId: idOf("key") }), status: 204 },
  async ({ principal, params, auditContext }) => revokeApiKey(principal, params.keyId, auditContext),
);
