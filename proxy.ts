import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-id";

/**
 * The request waterline. Today: a request id on every request (taken from the caller or generated), passed to
 * handlers and echoed in the response. Authentication and security headers join here.
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// The Inngest endpoint and health checks skip the proxy: they are machine traffic, handle their own request ids in
// route(), and a proxy pass costs ~30% of a trivial route's throughput (measured with wrk: 284 → 391 req/s).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/inngest|api/health).*)"],
};
