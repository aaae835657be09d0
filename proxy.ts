import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { malformedPath, malformedPathResponse } from "@/lib/api/malformed-url";
import { env, modes } from "@/lib/env";
import { REQUEST_ID_HEADER, REQUESTED_PATH_HEADER, requestedPath, requestIdFrom } from "@/lib/request-id";
import { CACHED_PAGE, clerkFrontendApiOrigin, contentSecurityPolicy, newNonce } from "@/lib/security/csp";

/**
 * The request waterline. A request id on every request (taken from the caller or generated), passed to handlers and
 * echoed in the response, and a Content-Security-Policy with a fresh nonce: set on the request, where Next.js finds the
 * nonce and stamps it on the scripts of the page it renders, and on the response, where the browser enforces it
 * (lib/security/csp.ts; the public event page, served from cache, gets the cached-page policy; the other security
 * headers come from next.config.ts). With Clerk configured, Clerk's middleware runs first: it keeps the browser
 * session fresh (the handshake) and makes `auth()` available to pages. It protects nothing by itself: route handlers and pages
 * decide through `identify()`/`authenticate()`, so API calls get a 401 problem rather than a redirect.
 */
const CSP_HEADER = "content-security-policy";
const cspOptions = {
  dev: env.NODE_ENV === "development",
  https: new URL(env.APP_URL).protocol === "https:",
  clerkFrontendApi: modes.auth === "clerk" ? clerkFrontendApiOrigin(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) : null,
};

function withRequestId(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const nonce = CACHED_PAGE.test(request.nextUrl.pathname) ? null : newNonce();
  const policy = contentSecurityPolicy({ nonce, ...cspOptions });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(REQUESTED_PATH_HEADER, requestedPath(request.nextUrl));
  if (nonce) headers.set("x-nonce", nonce);
  headers.set(CSP_HEADER, policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set(CSP_HEADER, policy);
  return response;
}

// Options come from lib/env, not from Clerk's own reading of process.env (@clerk/nextjs 7.9 ignores CLERK_JWT_KEY there
// anyway). One exception: the secret key. Passed as an option, Clerk 7.9 must encrypt it into the request headers it
// hands to pages and throws on every request unless CLERK_ENCRYPTION_KEY is set; left out, Clerk uses
// process.env.CLERK_SECRET_KEY, the very variable lib/env validated (it is required in Clerk mode).
const clerkProxy =
  modes.auth === "clerk"
    ? clerkMiddleware((_auth, request) => withRequestId(request), {
        publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
        jwtKey: env.CLERK_JWT_KEY,
        authorizedParties: [new URL(env.APP_URL).origin],
        signInUrl: "/sign-in",
        signUpUrl: "/sign-up",
        ...(env.CLERK_API_URL ? { apiUrl: env.CLERK_API_URL } : {}),
      })
    : null;

export function proxy(request: NextRequest, event: NextFetchEvent) {
  if (malformedPath(request.nextUrl.pathname)) return malformedPathResponse(request.nextUrl.pathname, requestIdFrom(request.headers.get(REQUEST_ID_HEADER)));
  return clerkProxy ? withClerk(clerkProxy, request, event) : withRequestId(request);
}

async function withClerk(clerk: NonNullable<typeof clerkProxy>, request: NextRequest, event: NextFetchEvent) {
  const response = await clerk(request, event);
  // Clerk answers some requests itself (the handshake redirect): they carry a request id and a policy too.
  if (response && !response.headers.has(REQUEST_ID_HEADER)) response.headers.set(REQUEST_ID_HEADER, requestIdFrom(request.headers.get(REQUEST_ID_HEADER)));
  if (response && !response.headers.has(CSP_HEADER)) response.headers.set(CSP_HEADER, contentSecurityPolicy({ nonce: newNonce(), ...cspOptions }));
  return response;
}

// API routes skip the proxy: every handler goes through route() (request id, errors) and authenticates itself —
// API keys, local sessions and Clerk session tokens alike (lib/auth/principal.ts verifies Clerk tokens networklessly),
// so Clerk's handshake has nothing to do there — and a proxy pass costs ~30% of a trivial route's throughput (measured
// with wrk: 284 → 391 req/s). The proxy serves pages: request ids, the nonce policy, and Clerk's session handshake in
// Clerk mode. API answers get a fixed policy from next.config.ts instead. The one exception: API paths with a percent
// sign pass through it, so a malformed one gets a 400 (lib/api/malformed-url.ts).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/).*)", "/api/:path(.*%.*)"],
};
