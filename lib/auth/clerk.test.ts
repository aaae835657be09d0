import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// lib/env parses process.env when first imported: configure Clerk mode (and the Backend API stand-in) before any import.
const clerk = await vi.hoisted(async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const { createStandIn } = await import("../../tests/stand-in");
  const users = new Map<string, Record<string, unknown>>();
  const standIn = createStandIn((request) => {
    const match = /^\/v1\/users\/([^/?]+)$/.exec(request.path);
    const user = match && request.method === "GET" ? users.get(decodeURIComponent(match[1]!)) : undefined;
    return user
      ? { status: 200, body: user }
      : { status: 404, body: { errors: [{ code: "resource_not_found", message: "not found", long_message: "User not found" }] } };
  });
  await standIn.start();
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  process.env.AUTH_PROVIDER = "clerk";
  process.env.CLERK_SECRET_KEY = "sk_test_eventline_local_secret";
  process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = `pk_test_${Buffer.from("example.clerk.accounts.dev$").toString("base64")}`;
  process.env.CLERK_JWT_KEY = publicKey.export({ type: "spki", format: "pem" }).toString();
  process.env.CLERK_API_URL = standIn.url;
  process.env.APP_URL = "http://localhost:3000";
  return { privateKey, users, standIn };
});

const { clerkUser } = await import("./clerk");
const { signUp } = await import("./local-accounts");
const { db } = await import("@/lib/db");
const { modes } = await import("@/lib/env");
const { createOrganization } = await import("@/lib/organizations/service");
const { GET } = await import("@/app/api/v1/me/route");

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A Clerk-style session token: RS256, kid, sub/exp/iat/nbf/azp/sid, signed with `key` (the configured one by default). */
function sessionToken(sub: string, claims: Record<string, unknown> = {}, key: KeyObject = clerk.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "ins_test" }));
  const payload = b64url(
    JSON.stringify({ sub, iat: now - 5, nbf: now - 10, exp: now + 60, azp: "http://localhost:3000", sid: `sess_${sub}`, iss: "https://example.clerk.accounts.dev", ...claims }),
  );
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(key);
  return `${header}.${payload}.${b64url(signature)}`;
}

/** A user as Clerk's Backend API returns it (`GET /v1/users/:id`). */
function clerkApiUser(id: string, fields: { email: string; first?: string | null; last?: string | null; username?: string | null; verified?: boolean }) {
  const now = Date.now();
  return {
    object: "user",
    id,
    username: fields.username ?? null,
    first_name: fields.first ?? null,
    last_name: fields.last ?? null,
    primary_email_address_id: `idn_${id}`,
    email_addresses: [
      { id: `idn_other_${id}`, object: "email_address", email_address: `secondary-${id}@example.test`, verification: { status: "verified", strategy: "email_code" }, linked_to: [] },
      {
        id: `idn_${id}`,
        object: "email_address",
        email_address: fields.email,
        verification: { status: fields.verified === false ? "unverified" : "verified", strategy: "email_code" },
        linked_to: [],
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    created_at: now - 60_000,
    updated_at: now - 30_000,
  };
}

const credentials = (headers: Record<string, string>) => new NextRequest("http://localhost:3000/api/v1/me", { headers });
const userCalls = () => clerk.standIn.requests.filter((r) => r.method === "GET" && r.path.startsWith("/v1/users/"));
const me = (headers: Record<string, string>) => GET(new NextRequest("http://localhost:3000/api/v1/me", { headers }), { params: Promise.resolve({}) });

beforeEach(() => clerk.standIn.reset());
afterAll(() => clerk.standIn.stop());

describe("clerkUser", () => {
  it("runs in Clerk mode for these tests", () => {
    expect(modes.auth).toBe("clerk");
  });

  it("creates the user from Clerk's Backend API on first sight, then uses the database row", async () => {
    clerk.users.set("user_ada", clerkApiUser("user_ada", { email: "Ada@Example.TEST", first: "Ada", last: "Lovelace" }));
    const token = sessionToken("user_ada");

    const first = await clerkUser(credentials({ authorization: `Bearer ${token}` }));
    expect(first).toMatchObject({ email: "ada@example.test", name: "Ada Lovelace" });
    expect(first!.id).toMatch(/^usr_/);
    expect(userCalls()).toHaveLength(1);
    expect(userCalls()[0]!.path).toBe("/v1/users/user_ada");
    expect(userCalls()[0]!.headers.authorization).toBe("Bearer sk_test_eventline_local_secret");
    const row = await db.user.findUniqueOrThrow({ where: { clerkUserId: "user_ada" } });
    expect(row).toMatchObject({ id: first!.id, email: "ada@example.test", passwordHash: null });

    const second = await clerkUser(credentials({ cookie: `__session=${token}` }));
    expect(second).toEqual(first);
    expect(userCalls()).toHaveLength(1);
  });

  it("names a user by username, else by the email's local part", async () => {
    clerk.users.set("user_un", clerkApiUser("user_un", { email: "un@example.test", username: "grace_h" }));
    clerk.users.set("user_none", clerkApiUser("user_none", { email: "plain.person@example.test" }));
    expect((await clerkUser(credentials({ cookie: `__session=${sessionToken("user_un")}` })))?.name).toBe("grace_h");
    expect((await clerkUser(credentials({ cookie: `__session=${sessionToken("user_none")}` })))?.name).toBe("plain.person");
  });

  it("answers null for forged, expired, pending, foreign-party and malformed tokens, without calling Clerk", async () => {
    clerk.users.set("user_eve", clerkApiUser("user_eve", { email: "eve@example.test" }));
    const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      sessionToken("user_eve", {}, otherKey),
      sessionToken("user_eve", { exp: now - 120, iat: now - 300, nbf: now - 300 }),
      sessionToken("user_eve", { sts: "pending" }),
      sessionToken("user_eve", { azp: "https://evil.example" }),
      "not-a-jwt",
    ];
    for (const token of bad) {
      expect(await clerkUser(credentials({ authorization: `Bearer ${token}` }))).toBeNull();
      expect(await clerkUser(credentials({ cookie: `__session=${token}` }))).toBeNull();
    }
    expect(await clerkUser(credentials({}))).toBeNull();
    expect(userCalls()).toHaveLength(0);
    expect(await db.user.count({ where: { clerkUserId: "user_eve" } })).toBe(0);
    // The same claims signed with the configured key do sign in: the failures above are the key, expiry, status, party.
    expect(await clerkUser(credentials({ cookie: `__session=${sessionToken("user_eve", { sts: "active" })}` }))).not.toBeNull();
  });

  it("ignores an Eventline API key bearer and falls back to the session cookie", async () => {
    clerk.users.set("user_key", clerkApiUser("user_key", { email: "key@example.test" }));
    const cookie = `__session=${sessionToken("user_key")}`;
    expect(await clerkUser(credentials({ authorization: "Bearer evl_live_abc_def" }))).toBeNull();
    expect(await clerkUser(credentials({ authorization: "Bearer evl_live_abc_def", cookie }))).toMatchObject({ email: "key@example.test" });
  });

  it("answers null for a valid token whose user Clerk no longer knows", async () => {
    expect(await clerkUser(credentials({ cookie: `__session=${sessionToken("user_gone")}` }))).toBeNull();
    expect(userCalls()).toHaveLength(1);
  });

  it("links a local account with the same (verified) email instead of creating a second user", async () => {
    const local = await signUp({ email: "lin@example.test", name: "Lin Local", password: "a long enough password" });
    clerk.users.set("user_lin", clerkApiUser("user_lin", { email: "LIN@example.test", first: "Lin", last: "Clerk" }));
    const user = await clerkUser(credentials({ cookie: `__session=${sessionToken("user_lin")}` }));
    expect(user).toEqual({ id: local.id, email: "lin@example.test", name: "Lin Local" });
    expect((await db.user.findUniqueOrThrow({ where: { id: local.id } })).clerkUserId).toBe("user_lin");
    expect(await db.user.count({ where: { email: "lin@example.test" } })).toBe(1);
  });

  it("refuses to link a local account to an unverified Clerk email", async () => {
    await signUp({ email: "victim@example.test", name: "Victim", password: "a long enough password" });
    clerk.users.set("user_squat", clerkApiUser("user_squat", { email: "victim@example.test", verified: false }));
    await expect(clerkUser(credentials({ cookie: `__session=${sessionToken("user_squat")}` }))).rejects.toMatchObject({ code: "account_conflict" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "victim@example.test" } })).clerkUserId).toBeNull();
  });

  it("creates one user when first requests race", async () => {
    clerk.users.set("user_race", clerkApiUser("user_race", { email: "race@example.test", first: "Race" }));
    const token = sessionToken("user_race");
    const results = await Promise.all(Array.from({ length: 5 }, () => clerkUser(credentials({ cookie: `__session=${token}` }))));
    const ids = new Set(results.map((user) => user?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^usr_/);
    expect(await db.user.count({ where: { clerkUserId: "user_race" } })).toBe(1);
  });
});

describe("GET /api/v1/me with a Clerk session", () => {
  it("answers 200 with a Bearer session token and with the __session cookie; 401 for a forged one", async () => {
    clerk.users.set("user_org", clerkApiUser("user_org", { email: "org@example.test", first: "Olga", last: "Organizer" }));
    const token = sessionToken("user_org");
    const user = await clerkUser(credentials({ cookie: `__session=${token}` }));
    const org = await createOrganization(user!.id, { name: "Olga events" });

    for (const headers of [{ authorization: `Bearer ${token}` }, { cookie: `__session=${token}` }] as Record<string, string>[]) {
      const response = await me(headers);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { kind: string; role: string; user: { id: string; email: string }; organization: { id: string } } };
      expect(body.data).toMatchObject({ kind: "user", role: "owner", user: { id: user!.id, email: "org@example.test" }, organization: { id: org.id } });
    }

    const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = sessionToken("user_org", {}, otherKey);
    for (const headers of [{ authorization: `Bearer ${forged}` }, { cookie: `__session=${forged}` }] as Record<string, string>[]) {
      const response = await me(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});
