import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conflict } from "./errors";
import { json, route } from "./route";

const call = (handler: ReturnType<typeof route<{ id: string }>>, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  handler(new NextRequest("http://localhost/api/v1/things/abc", init), { params: Promise.resolve({ id: "abc" }) });

describe("route wrapper", () => {
  it("passes params through and echoes the caller's request id", async () => {
    const handler = route<{ id: string }>((_req, { params, requestId }) => json({ id: params.id, requestId }));
    const response = await call(handler, { headers: { "x-request-id": "client-req-0001" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("client-req-0001");
    expect(await response.json()).toEqual({ id: "abc", requestId: "client-req-0001" });
  });

  it("generates a request id when the caller's is missing or unsafe", async () => {
    const handler = route<{ id: string }>(() => json({}));
    const response = await call(handler, { headers: { "x-request-id": "<script>" } });
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it("maps thrown AppErrors and zod errors to problem+json", async () => {
    const conflicting = await call(route<{ id: string }>(() => {
      throw conflict("Already there.");
    }));
    expect(conflicting.status).toBe(409);
    expect(conflicting.headers.get("content-type")).toBe("application/problem+json");
    expect(await conflicting.json()).toMatchObject({ code: "conflict", detail: "Already there.", instance: "/api/v1/things/abc" });

    const invalid = await call(
      route<{ id: string }>(async (req) => json(z.object({ n: z.number() }).parse(await req.json()))),
      { method: "POST", body: JSON.stringify({ n: "x" }) },
    );
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("n");
  });

  it("answers an opaque 500 for unexpected errors", async () => {
    const response = await call(route<{ id: string }>(() => {
      throw new TypeError("cannot read properties of undefined (reading 'secret')");
    }));
    expect(response.status).toBe(500);
    const body = JSON.stringify(await response.json());
    expect(body).toContain("internal_error");
    expect(body).not.toContain("secret");
    expect(body).not.toContain("TypeError");
  });
});
