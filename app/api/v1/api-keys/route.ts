import { endpoint } from "@/lib/api/endpoint";
import { apiKeySchema, createdApiKeySchema, list, one } from "@/lib/api/schemas";
import { createApiKey, createApiKeyInput, listApiKeys } from "@/lib/auth/api-keys";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  { method: "GET", path: "/api/v1/api-keys", tag: "API keys", summary: "List API keys (never their secrets)", access: "apikeys.manage", response: list(apiKeySchema) },
  async ({ principal }) => ({ data: await listApiKeys(principal), nextCursor: null }),
);

export const POST = endpoint(
  { method: "POST", path: "/api/v1/api-keys", tag: "API keys", summary: "Create an API key", description: "The answer holds the secret; it is never shown again.", access: "apikeys.manage", body: createApiKeyInput, response: one(createdApiKeySchema), status: 201 },
  async ({ principal, body, auditContext }) => ({ data: await createApiKey(principal, body, auditContext) }),
);
