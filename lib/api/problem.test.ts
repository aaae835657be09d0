import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, notFound } from "./errors";
import { problemResponse, toProblem } from "./problem";

describe("toProblem", () => {
  it("maps an AppError to its status, stable code and detail", () => {
    const { problem, unexpected } = toProblem(notFound("event"), { requestId: "req_12345678", instance: "/api/v1/events/x" });
    expect(unexpected).toBe(false);
    expect(problem).toMatchObject({
      status: 404,
      code: "not_found",
      title: "Not Found",
      detail: "The event was not found.",
      type: "https://eventline.dev/problems/not-found",
      requestId: "req_12345678",
      instance: "/api/v1/events/x",
    });
  });

  it("maps a zod error to 422 with one entry per field", () => {
    const result = z.object({ title: z.string().min(3), capacity: z.number().int().positive() }).safeParse({ title: "x", capacity: -1 });
    expect(result.success).toBe(false);
    const { problem } = toProblem(result.error);
    expect(problem.status).toBe(422);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["capacity", "title"]);
  });

  it("hides the message of an unexpected error behind an opaque 500", () => {
    const { problem, unexpected } = toProblem(new Error("connect ECONNREFUSED postgres://admin:pw@db"), { requestId: "req_abcdefgh" });
    expect(unexpected).toBe(true);
    expect(problem.status).toBe(500);
    expect(problem.code).toBe("internal_error");
    expect(JSON.stringify(problem)).not.toContain("ECONNREFUSED");
    expect(problem.detail).toContain("req_abcdefgh");
  });
});

describe("problemResponse", () => {
  it("answers application/problem+json with extra headers and without undefined members", async () => {
    const error = new AppError("rate_limited", 429, "Slow down.", {}, { "retry-after": "7" });
    const { problem, headers } = toProblem(error);
    const response = problemResponse(problem, headers);
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("7");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("instance");
    expect(body.code).toBe("rate_limited");
  });
});
