import { AppError } from "./errors";
import { problemResponse, toProblem } from "./problem";

/**
 * A path whose percent-encoding does not decode (`/api/v1/events/%ZZ`, `/e/%C0`) names nothing. Next.js 16.4 answers
 * such a request with a bare 500 "Internal Server Error" (its router throws a DecodeError, then fails rendering the
 * error page), whatever the route — found by the resilience fuzzer. The proxy answers it first: 400 problem+json.
 */
export function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function malformedPathResponse(pathname: string, requestId: string): Response {
  const { problem } = toProblem(new AppError("malformed_url", 400, "The URL's path is not valid percent-encoding."), { requestId, instance: pathname });
  return problemResponse(problem);
}
