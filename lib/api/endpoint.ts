import "server-only";
import { type NextRequest } from "next/server";
import { z } from "zod";
import type { Actor, AuditContext } from "@/lib/audit/log";
import { actorOf, authenticate, requirePermission, type Principal } from "@/lib/auth/principal";
import type { Permission } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";
import { clientIpFrom } from "@/lib/request-id";
import { readBodyText } from "./body";
import { AppError, notFound } from "./errors";
import { beginIdempotent, finishIdempotent } from "./idempotency";
import { enforceRateLimit } from "./rate-limit";
import { errorResponse, json, route, type RouteContext } from "./route";

/**
 * The one wrapper every `/api/v1` handler goes through (house style: dub's withWorkspace):
 *   authenticate (session or `Authorization: Bearer evl_…`) → membership → Origin check for cookie-authenticated
 *   writes → permission / key scope → rate limit → parse params, query and body with zod → Idempotency-Key replay →
 *   the handler (which calls a service) → JSON.
 * The definition is also what the OpenAPI document and the permission-matrix test are generated from.
 */
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type Access = Permission | "authenticated" | "public";

export type EndpointDefinition<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  method: Method;
  /** OpenAPI-style path, e.g. `/api/v1/api-keys/{keyId}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** What the caller needs: a permission from lib/auth/permissions.ts, any signed-in caller, or nothing. */
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The success answer's schema (documentation; the handler's return type is checked by TypeScript). */
  response?: z.ZodType;
  /** Media type of the success answer (default application/json). */
  contentType?: string;
  /** Success status; 204 answers without a body. */
  status?: 200 | 201 | 202 | 204;
};

export type EndpointContext<P, Q, B> = {
  request: NextRequest;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  log: Logger;
  /** Who did it and which request, for audit entries. */
  actor: Actor;
  auditContext: AuditContext;
};

type Output<T> = T extends z.ZodType ? z.output<T> : undefined;
export type ApiHandler = ((request: NextRequest, context: RouteContext<Record<string, string>>) => Promise<Response>) & { definition: EndpointDefinition };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const clientIp = (request: NextRequest): string => clientIpFrom(request.headers) ?? "local";

export function endpoint<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  definition: EndpointDefinition & { params?: P; query?: Q; body?: B; access: Exclude<Access, "public"> },
  handler: (context: EndpointContext<Output<P>, Output<Q>, Output<B>>) => Promise<unknown>,
): ApiHandler {
  const wrapped = route<Record<string, string>>(async (request, { params: rawParams, requestId, log }) => {
    let rateHeaders: Record<string, string> = {};
    try {
      const policy = { limit: env.API_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 };
      let principal: Principal;
      try {
        principal = await authenticate(request);
      } catch (error) {
        // Failed authentication counts against the caller's IP, so keys and sessions cannot be guessed at speed.
        if (error instanceof AppError && error.status === 401) rateHeaders = await enforceRateLimit(`ip:${clientIp(request)}`, policy);
        throw error;
      }
      if (principal.kind === "user" && !SAFE_METHODS.has(request.method)) checkOrigin(request);
      if (definition.access !== "authenticated") requirePermission(principal, definition.access);
      rateHeaders = await enforceRateLimit(principal.kind === "api_key" ? `key:${principal.keyId}` : `user:${principal.userId}`, policy);

      const params = definition.params ? parseParams(definition.params, rawParams) : undefined;
      const query = definition.query ? definition.query.parse(refuseNul(Object.fromEntries(request.nextUrl.searchParams))) : undefined;
      const rawBody = definition.body ? await readJsonBody(request) : "";
      const body = definition.body ? definition.body.parse(refuseNul(parseJson(rawBody))) : undefined;

      const run = async (): Promise<Response> => {
        const data = await handler({
          request,
          principal,
          params: params as Output<P>,
          query: query as Output<Q>,
          body: body as Output<B>,
          requestId,
          log,
          actor: actorOf(principal),
          auditContext: { requestId, ip: clientIp(request) },
        });
        if (data instanceof Response) return data;
        const status = definition.status ?? 200;
        return status === 204 ? new Response(null, { status }) : json(data, { status });
      };

      const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      let response: Response;
      if (idempotencyKey !== null) {
        const scope = principal.kind === "api_key" ? `key:${principal.keyId}` : `user:${principal.userId}:${principal.organizationId}`;
        const begun = await beginIdempotent(scope, idempotencyKey, { method: request.method, path: request.nextUrl.pathname, body: rawBody });
        if (begun.kind === "replay") {
          response = new Response(begun.response.body || null, { status: begun.response.status, headers: { ...begun.response.headers, "idempotent-replayed": "true" } });
        } else {
          // Errors become their problem answer here, so a 4xx can be stored and replayed.
          response = await run().catch((error: unknown) => errorResponse(error, { requestId, method: request.method, path: request.nextUrl.pathname, log }));
          const text = await response.clone().text();
          await finishIdempotent(begun.recordId, { status: response.status, headers: { "content-type": response.headers.get("content-type") ?? "application/json" }, body: text });
        }
      } else {
        response = await run();
      }
      for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      if (Object.keys(rateHeaders).length > 0 && error instanceof AppError) {
        throw new AppError(error.code, error.status, error.detail, error.extra, { ...rateHeaders, ...error.headers });
      }
      throw error;
    }
  });
  return Object.assign(wrapped, { definition: definition });
}

/** Ids in paths are opaque: one that does not fit the schema names nothing, so it answers 404. */
function parseParams(schema: z.ZodType, raw: Record<string, string>): unknown {
  const result = schema.safeParse(raw);
  if (!result.success) throw notFound();
  return result.data;
}

/** Cookie-authenticated writes must come from our own pages (CSRF): the Origin must be the app's own. */
function checkOrigin(request: NextRequest): void {
  const origin = request.headers.get("origin");
  const own = new Set([request.nextUrl.origin, new URL(env.APP_URL).origin]);
  const host = request.headers.get("host");
  if (host) own.add(`${request.nextUrl.protocol}//${host}`);
  if (!origin || !own.has(origin)) {
    throw new AppError("origin_mismatch", 403, "This request did not come from an Eventline page. Browsers send an Origin header; API clients should use an API key.");
  }
}

async function readJsonBody(request: NextRequest): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", 415, "Send the body as JSON with `Content-Type: application/json`.", {}, { "accept-post": "application/json" });
  }
  return readBodyText(request);
}


function parseJson(text: string): unknown {
  if (text.trim() === "") throw new AppError("malformed_json", 400, "The body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("malformed_json", 400, "The body is not valid JSON.");
  }
}

/**
 * PostgreSQL text cannot hold U+0000 (`invalid byte sequence for encoding "UTF8": 0x00`), so a query parameter or
 * JSON string carrying it is invalid input: 422 naming the field, instead of a 500 from the first query that uses it
 * (found by the resilience fuzzer: `?cursor=%00`, `{"body":"\u0000"}`).
 */
export function refuseNul<T>(input: T): T {
  type Node = { value: unknown; key: string | number | null; parent: Node | null };
  const pathOf = (node: Node, last?: string) => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) path.unshift(n.key);
    return path;
  };
  const issues: z.core.$ZodIssue[] = [];
  // Iterative, with parent links instead of copied paths: JSON nested 50,000 levels deep parses fine but would
  // overflow the stack of a recursive walk.
  const pending: Node[] = [{ value: input, key: null, parent: null }];
  while (pending.length > 0 && issues.length < 20) {
    const node = pending.pop()!;
    const value = node.value;
    if (typeof value === "string") {
      if (value.includes("\u0000")) issues.push({ code: "custom", path: pathOf(node), message: "Text cannot contain the NUL character (U+0000).", input: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, key: i, parent: node }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes("\u0000")) issues.push({ code: "custom", path: pathOf(node, key), message: "Names cannot contain the NUL character (U+0000).", input: key });
        pending.push({ value: item, key, parent: node });
      }
    }
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return input;
}

/** Cursor pagination query shared by list endpoints: `?limit=&cursor=` (default 50, max 200). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
