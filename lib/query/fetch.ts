/** A problem+json answer from /api/v1, as an error the UI can show (its `detail` is written for people). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

/**
 * Calls the app's own /api/v1 from the browser with the session cookie (same origin, so writes pass the Origin
 * check). Non-2xx answers become ApiError with the problem's code and detail.
 */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Eventline. Check your connection and try again.");
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; errors?: { path: string; message: string }[] };
  throw new ApiError(response.status, problem.code ?? "error", problem.detail ?? `The request failed (${response.status}).`, problem.errors ?? []);
}
