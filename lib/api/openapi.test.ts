import { compileErrors, validate } from "@readme/openapi-parser";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { apiHandlers } from "@/app/api/v1/routes";

type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; parameters: { name: string; in: string }[]; responses: Record<string, unknown> }>> };

describe("GET /api/v1/openapi.json", () => {
  it("serves a valid OpenAPI 3.1 document describing every registered route", async () => {
    const response = await openApiRoute(new NextRequest("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");

    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);

    for (const { definition: d } of apiHandlers()) {
      const operation = doc.paths[d.path]?.[d.method.toLowerCase()];
      expect(operation, `${d.method} ${d.path}`).toBeDefined();
      expect(Boolean(operation!.requestBody)).toBe(Boolean(d.body));
      for (const [, name] of d.path.matchAll(/\{(\w+)\}/g)) expect(operation!.parameters).toContainEqual(expect.objectContaining({ name, in: "path" }));
      expect(Object.keys(operation!.responses)).toContain(String(d.status ?? 200));
    }
    // Bodies are described with their fields (zod → JSON Schema), e.g. creating an API key needs a name.
    const createKey = doc.paths["/api/v1/api-keys"]!.post!.requestBody as { content: { "application/json": { schema: { properties: Record<string, unknown>; required: string[] } } } };
    expect(createKey.content["application/json"].schema.required).toContain("name");
    expect(Object.keys(createKey.content["application/json"].schema.properties)).toEqual(expect.arrayContaining(["name", "scope"]));
  });
});
