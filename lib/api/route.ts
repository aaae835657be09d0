import "server-only";
import { type NextRequest } from "next/server";
import { loggerFor, type Logger } from "@/lib/log";
import { metrics, routeLabel } from "@/lib/metrics/registry";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-id";
import { problemResponse, toProblem } from "./problem";

export type RouteContext<Params> = { params: Promise<Params> };
export type HandlerContext<Params> = { params: Params; requestId: string; log: Logger };

/**
 * The wrapper every route handler goes through: request id, error → problem+json mapping, one access log line.
 * Later layers (auth, rate limit, parsing) plug in here so there is one place that decides how a request is answered.
 */
export function route<Params = Record<string, never>>(
  handler: (request: NextRequest, context: HandlerContext<Params>) => Promise<Response> | Response,
) {
  return async (request: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    const log = loggerFor(requestId);
    const started = performance.now();
    const path = request.nextUrl.pathname;
    let response: Response;
    try {
      response = await handler(request, { params: await context.params, requestId, log });
    } catch (error) {
      response = errorResponse(error, { requestId, method: request.method, path, log });
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    const ms = performance.now() - started;
    log.info({ method: request.method, path, status: response.status, ms: Math.round(ms) }, "request");
    metrics.httpDuration.observe({ route: routeLabel(path), method: request.method, status: String(response.status) }, ms / 1000);
    return response;
  };
}

/** The problem+json answer for anything thrown; unexpected errors are logged (details stay in the logs). */
export function errorResponse(error: unknown, context: { requestId: string; method: string; path: string; log: Logger }): Response {
  const { problem, headers, unexpected } = toProblem(error, { requestId: context.requestId, instance: context.path });
  if (unexpected) context.log.error({ err: error, method: context.method, path: context.path }, "unhandled error");
  return problemResponse(problem, headers);
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(JSON.stringify(data), { ...init, headers });
}
