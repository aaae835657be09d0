import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { signIn, signUp } from "@/lib/auth/local-accounts";
import { db } from "@/lib/db";
import { createOrganization, membershipOf } from "@/lib/organizations/service";
import { GET } from "./route";

const call = (headers: Record<string, string> = {}) =>
  GET(new NextRequest("http://localhost/api/v1/me", { headers }), { params: Promise.resolve({}) });

async function member(name: string) {
  const user = await signUp({ email: `${name}@example.test`, name, password: "a long enough password" });
  const org = await createOrganization(user.id, { name: `${name} events` });
  const { token } = await signIn({ email: `${name}@example.test`, password: "a long enough password" });
  return { user, org, cookie: `eventline_session=${token}` };
}

describe("GET /api/v1/me", () => {
  it("answers 401 problem+json without credentials or with a bad key", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer evl_nope_nope_nope_nope" }, { authorization: "Basic abc" }, { cookie: "eventline_session=forged" }];
    for (const headers of attempts) {
      const response = await call(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("describes an API key's organization and scope", async () => {
    const { user, org } = await member("kim");
    const caller = await membershipOf(user.id, org.id);
    const key = await createApiKey(caller, { name: "integration", scope: "read" });
    const response = await call({ authorization: `Bearer ${key.secret}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { kind: string; scope: string; organization: { id: string }; permissions: string[] } };
    expect(body.data).toMatchObject({ kind: "api_key", scope: "read", organization: { id: org.id } });
    expect(body.data.permissions).toContain("events.read");
    expect(body.data.permissions).not.toContain("events.manage");
    await revokeApiKey(caller, key.id);
    expect((await call({ authorization: `Bearer ${key.secret}` })).status).toBe(401);
  });

  it("describes a signed-in member, and needs the organization chosen when there are several", async () => {
    const { user, org, cookie } = await member("lee");
    const one = (await (await call({ cookie })).json()) as { data: { kind: string; role: string; organization: { id: string } } };
    expect(one.data).toMatchObject({ kind: "user", role: "owner", organization: { id: org.id } });

    const second = await createOrganization(user.id, { name: "Second" });
    expect((await call({ cookie })).status).toBe(400);
    const chosen = (await (await call({ cookie, "x-organization-id": second.id })).json()) as { data: { organization: { id: string } } };
    expect(chosen.data.organization.id).toBe(second.id);

    const stranger = await member("max");
    expect((await call({ cookie, "x-organization-id": stranger.org.id })).status).toBe(404);

    // An expired or revoked session is no session.
    const { token: expiring } = await signIn({ email: "lee@example.test", password: "a long enough password" });
    await db.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call({ cookie: `eventline_session=${expiring}`, "x-organization-id": org.id })).status).toBe(401);
  });
});
