import { ZodError } from "zod";
import { AppError } from "./errors";

/** RFC 9457 problem details, plus our stable `code` and the request id. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const problemType = (code: string) => `https://eventline.dev/problems/${code.replaceAll("_", "-")}`;

/** Maps anything thrown to a problem. The second value says whether it was unexpected (and must be logged as such). */
export function toProblem(error: unknown, context: { requestId?: string; instance?: string } = {}): { problem: Problem; headers: Record<string, string>; unexpected: boolean } {
  const base = { instance: context.instance, requestId: context.requestId };
  if (error instanceof AppError) {
    return {
      problem: { type: problemType(error.code), title: TITLES[error.status] ?? "Error", status: error.status, code: error.code, detail: error.detail, ...base, ...error.extra },
      headers: error.headers,
      unexpected: false,
    };
  }
  if (error instanceof ZodError) {
    return {
      problem: {
        type: problemType("validation_failed"),
        title: TITLES[422]!,
        status: 422,
        code: "validation_failed",
        detail: "The request is not valid. See `errors` for each field.",
        ...base,
        errors: error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message })),
      },
      headers: {},
      unexpected: false,
    };
  }
  return {
    problem: {
      type: problemType("internal_error"),
      title: TITLES[500]!,
      status: 500,
      code: "internal_error",
      detail: `Something went wrong on our side. Quote request id ${context.requestId ?? "(none)"} when you contact support.`,
      ...base,
    },
    headers: {},
    unexpected: true,
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  const clean = Object.fromEntries(Object.entries(problem).filter(([, value]) => value !== undefined));
  return new Response(JSON.stringify(clean), {
    status: problem.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...(problem.requestId ? { "x-request-id": problem.requestId } : {}), ...headers },
  });
}
