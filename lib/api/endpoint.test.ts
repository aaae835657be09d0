import { describe, expect, it } from "vitest";
import { POST as createKey, GET as listKeys } from "@/app/api/v1/api-keys/route";
import { GET as listAuditLog } from "@/app/api/v1/audit-log/route";
import { PATCH as updateOrganization } from "@/app/api/v1/organization/route";
import { db } from "@/lib/db";
import { call, headersFor, newOrganization } from "@/tests/api";

type ProblemBody = { code: string; status: number; errors?: { path: string; message: string }[] };

describe("the /api/v1 route wrapper", () => {
  it("maps bad bodies to 400, 413, 415 and 422 problems, and creates nothing", async () => {
    const { owner } = await newOrganization("bodies");
    const headers = headersFor(owner);
    const malformed = await call(createKey, { headers: { ...headers, "content-type": "application/json" }, rawBody: "{ not json" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ProblemBody).code).toBe("malformed_json");

    const wrongType = await call(createKey, { headers: { ...headers, "content-type": "text/plain" }, rawBody: '{"name":"x"}' });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get("content-type")).toBe("application/problem+json");

    const huge = await call(createKey, { headers, body: { name: "x", padding: "a".repeat(1024 * 1024) } });
    expect(huge.status).toBe(413);

    const invalid = await call(createKey, { headers, body: { name: "", scope: "admin" } });
    expect(invalid.status).toBe(422);
    const problem = (await invalid.json()) as ProblemBody;
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["name", "scope"]);

    expect(await db.apiKey.count({ where: { organizationId: owner.organizationId } })).toBe(0);
  });

  // Found by the resilience fuzzer (docs/resilience.md): each of these was a 500.
  it("answers input PostgreSQL cannot take, and absurd nesting, with a 4xx problem instead of a 500", async () => {
    const { owner } = await newOrganization("fuzzed");
    const headers = headersFor(owner);
    const nulInBody = await call(createKey, { headers, body: { name: "a\u0000b", scope: "read" } });
    expect(nulInBody.status).toBe(422);
    expect(((await nulInBody.json()) as ProblemBody).errors).toEqual([{ path: "name", message: "Text cannot contain the NUL character (U+0000)." }]);
    const nulInQuery = await call(listAuditLog, { headers, query: "cursor=%00" });
    expect(nulInQuery.status).toBe(422);
    const deep = await call(createKey, { headers: { ...headers, "content-type": "application/json" }, rawBody: "[".repeat(50_000) + "]".repeat(50_000) });
    expect(deep.status).toBe(422);
    const hugeCursor = await call(listAuditLog, { headers, query: "cursor=99999999999999999999999" });
    expect(hugeCursor.status).toBe(200);
    expect(await db.apiKey.count({ where: { organizationId: owner.organizationId } })).toBe(0);
  });

  it("refuses cookie-authenticated writes from another origin (CSRF), but not API keys", async () => {
    const { owner } = await newOrganization("origin");
    const foreign = await call(updateOrganization, { headers: { ...headersFor(owner), origin: "https://evil.example" }, body: { name: "Hacked" } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ProblemBody).code).toBe("origin_mismatch");
    const missing = await call(updateOrganization, { headers: { cookie: owner.cookie }, body: { name: "Hacked" } });
    expect(missing.status).toBe(403);
    const own = await call(updateOrganization, { headers: headersFor(owner), body: { name: "Renamed" } });
    expect(own.status).toBe(200);
    expect((await db.organization.findUniqueOrThrow({ where: { id: owner.organizationId } })).name).toBe("Renamed");
    const audit = await db.auditLogEntry.findFirstOrThrow({ where: { organizationId: owner.organizationId, action: "organization.settings_changed" } });
    expect(audit.data).toMatchObject({ name: { to: "Renamed" } });
  });

  it("replays the first answer for a repeated Idempotency-Key, and refuses the key with another body", async () => {
    const { owner } = await newOrganization("idem");
    const headers = { ...headersFor(owner), "idempotency-key": "create-key-1" };
    const first = await call(createKey, { headers, body: { name: "Zapier", scope: "read" } });
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { data: { id: string; secret: string } };
    const again = await call(createKey, { headers, body: { name: "Zapier", scope: "read" } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { data: { id: string } }).data.id).toBe(firstBody.data.id);
    expect(await db.apiKey.count({ where: { organizationId: owner.organizationId } })).toBe(1);

    const different = await call(createKey, { headers, body: { name: "Other", scope: "read" } });
    expect(different.status).toBe(422);
    expect(((await different.json()) as ProblemBody).code).toBe("idempotency_key_reused");

    // A request rejected by validation never started: the key is not spent, so the corrected request can use it.
    const badHeaders = { ...headersFor(owner), "idempotency-key": "bad-1" };
    expect((await call(createKey, { headers: badHeaders, body: { name: "" } })).status).toBe(422);
    const corrected = await call(createKey, { headers: badHeaders, body: { name: "Fixed" } });
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get("idempotent-replayed")).toBeNull();
    expect(await db.apiKey.count({ where: { organizationId: owner.organizationId } })).toBe(2);
  });

  it("sends RateLimit headers with every answer", async () => {
    const { owner } = await newOrganization("headers");
    const response = await call(listKeys, { headers: headersFor(owner) });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    expect(Number(response.headers.get("ratelimit-remaining"))).toBe(Number(response.headers.get("ratelimit-limit")) - 1);
    expect(response.headers.get("ratelimit-policy")).toMatch(/^\d+;w=60$/);
  });
});
