/** Request ids: taken from the caller's `x-request-id` when it looks sane, otherwise generated. Edge-safe. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The page a request asked for (path and query, without Next's `_rsc` marker), set by proxy.ts on page requests so a
 * sign-in redirect can come back to it. Set by the proxy, never taken from the caller.
 */
export const REQUESTED_PATH_HEADER = "x-eventline-path";

export function requestedPath(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SAFE_ID.test(incoming) ? incoming : `req_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** The client's address as the proxy in front of the app names it (X-Forwarded-For, else X-Real-IP), or null. */
export function clientIpFrom(headers: { get(name: string): string | null }): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}
