import { NextRequest } from "next/server";
import type { ApiHandler } from "@/lib/api/endpoint";
import { createApiKey } from "@/lib/auth/api-keys";
import { signIn, signUp } from "@/lib/auth/local-accounts";
import type { ApiKeyScope, Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { createOrganization, membershipOf } from "@/lib/organizations/service";

/** Test helpers for /api/v1 handlers: real services and database, requests built like Next.js builds them. */
export const ORIGIN = "http://localhost";

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${++counter}`;

export type Member = { userId: string; email: string; organizationId: string; role: Role; cookie: string };

export async function newOrganization(name: string) {
  const email = `${unique(name)}@example.test`;
  const user = await signUp({ email, name, password: "a long enough password" });
  const org = await createOrganization(user.id, { name: `${name} events` });
  const { token } = await signIn({ email, password: "a long enough password" });
  const owner: Member = { userId: user.id, email, organizationId: org.id, role: "owner", cookie: `eventline_session=${token}` };
  return { org, owner, caller: await membershipOf(user.id, org.id) };
}

/** A member with the given role, added straight to the organization (invitations are tested on their own). */
export async function addMember(organizationId: string, role: Role, name = role): Promise<Member> {
  const email = `${unique(name)}@example.test`;
  const user = await signUp({ email, name, password: "a long enough password" });
  await db.membership.create({ data: { id: newId("mem"), organizationId, userId: user.id, role } });
  const { token } = await signIn({ email, password: "a long enough password" });
  return { userId: user.id, email, organizationId, role, cookie: `eventline_session=${token}` };
}

export async function addKey(organizationId: string, ownerId: string, scope: ApiKeyScope) {
  const key = await createApiKey(await membershipOf(ownerId, organizationId), { name: `${scope} key`, scope });
  return { ...key, authorization: `Bearer ${key.secret}` };
}

export type Credentials = { cookie: string; organizationId: string } | { authorization: string };
export const headersFor = (who: Credentials): Record<string, string> =>
  "cookie" in who ? { cookie: who.cookie, "x-organization-id": who.organizationId, origin: ORIGIN } : { authorization: who.authorization };

/** Calls a handler with path params filled into its definition's path. */
export async function call(
  handler: ApiHandler,
  options: { params?: Record<string, string>; headers?: Record<string, string>; body?: unknown; rawBody?: string; query?: string } = {},
): Promise<Response> {
  const { method, path } = handler.definition;
  const params = options.params ?? {};
  const url = `${ORIGIN}${path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? "missing"))}${options.query ? `?${options.query}` : ""}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = { ...(body !== undefined && options.rawBody === undefined ? { "content-type": "application/json" } : {}), ...options.headers };
  return handler(new NextRequest(url, { method, headers, body }), { params: Promise.resolve(params) });
}
