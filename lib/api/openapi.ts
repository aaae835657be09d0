import "server-only";
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { appVersion } from "@/lib/env";
import type { EndpointDefinition } from "./endpoint";

/**
 * The OpenAPI 3.1 document, generated from the route definitions (their zod schemas are the single source for
 * parsing, types and this document). zod 4 emits JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect.
 */
type JsonSchema = Record<string, unknown>;
const schemaOf = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

const problem: JsonSchema = {
  type: "object",
  required: ["type", "title", "status", "code", "detail"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string", description: "Stable, machine-readable error code" },
    detail: { type: "string" },
    instance: { type: "string" },
    requestId: { type: "string" },
    errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
  },
};

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const rateHeaders = {
  "RateLimit-Limit": { schema: { type: "integer" }, description: "Requests allowed in the window" },
  "RateLimit-Remaining": { schema: { type: "integer" }, description: "Requests left in the window" },
  "RateLimit-Reset": { schema: { type: "integer" }, description: "Seconds until the window resets" },
};

export function openApiDocument(definitions: EndpointDefinition[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of definitions) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [["path", d.params], ["query", d.query]] as const) {
      if (!schema) continue;
      const json = schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: property });
      }
    }
    if (d.method === "POST") {
      parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Replays the first answer for 24 h; the same key with a different body answers 422." });
    }
    const success = d.status ?? 200;
    const responses: Record<string, unknown> = {
      [success]: success === 204 ? { description: "Done", headers: rateHeaders } : { description: "OK", headers: rateHeaders, content: { [d.contentType ?? "application/json"]: { schema: d.response ? schemaOf(d.response, "output") : {} } } },
      "401": problemResponse("Missing, unknown, expired or revoked credentials"),
      "403": problemResponse("The role or key scope does not allow this"),
      "404": problemResponse("Not found (also for ids of other organizations)"),
      "429": problemResponse("Rate limited; see Retry-After"),
    };
    if (d.body || d.query) responses["422"] = problemResponse("Validation failed; `errors` lists each field");
    if (d.body) {
      responses["400"] = problemResponse("Malformed JSON");
      responses["413"] = problemResponse("Body larger than 1 MB");
      responses["415"] = problemResponse("Body is not application/json");
    }
    const operation: Record<string, unknown> = {
      operationId: `${d.method.toLowerCase()}${d.path.replace("/api/v1", "").replace(/\{(\w+)\}/g, "By-$1").replace(/[^a-zA-Z0-9]+(.)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: d.summary,
      tags: [d.tag],
      description: [d.description, d.access === "authenticated" ? "Any member or API key of the organization." : `Needs \`${d.access}\` (${PERMISSIONS[d.access as keyof typeof PERMISSIONS] ?? ""}).`].filter(Boolean).join("\n\n"),
      parameters,
      responses,
      security: [{ apiKey: [] }, { session: [] }],
    };
    if (d.body) operation.requestBody = { required: true, content: { "application/json": { schema: schemaOf(d.body, "input") } } };
    (paths[d.path] ??= {})[d.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Eventline API",
      version: `1 (${appVersion})`,
      description: "Events, registrations and the team behind them. Authenticate with `Authorization: Bearer evl_…` (an API key). Errors are RFC 9457 problem details with a stable `code`.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: problem },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key (`evl_…`) created in the dashboard" },
        session: { type: "apiKey", in: "cookie", name: "eventline_session", description: "A signed-in browser session (dashboard)" },
      },
    },
  };
}
