/**
 * The one application error. `code` is stable and documented for API clients; `detail` is safe to show to users.
 * Anything thrown that is not an AppError (or a zod error) becomes an opaque 500.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "AppError";
  }
}

export const notFound = (what = "resource") => new AppError("not_found", 404, `The ${what} was not found.`);
export const badRequest = (detail: string, code = "bad_request") => new AppError(code, 400, detail);
export const conflict = (detail: string, code = "conflict") => new AppError(code, 409, detail);
export const unauthorized = (detail = "Authentication is required.") => new AppError("unauthorized", 401, detail);
export const forbidden = (detail = "You do not have permission to do this.") => new AppError("forbidden", 403, detail);
export const serviceUnavailable = (detail: string, code = "service_unavailable", extra: Record<string, unknown> = {}) =>
  new AppError(code, 503, detail, extra);
