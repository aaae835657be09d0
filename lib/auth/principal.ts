import "server-only";
import { type NextRequest } from "next/server";
import { AppError, unauthorized } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { authenticateApiKey } from "./api-keys";
import { identify, SESSION_COOKIE } from "./identity";
import { can, keyCan, PERMISSIONS, type ApiKeyScope, type Permission, type Role } from "./permissions";

/**
 * Who is calling, for which organization: a signed-in member (session cookie) or an API key
 * (`Authorization: Bearer evl_…`). Members choose the organization with the `x-organization-id` header or the
 * `eventline_org` cookie (not needed when they belong to exactly one); an organization they are not a member of
 * answers 404.
 */
export { SESSION_COOKIE };
export const ORGANIZATION_COOKIE = "eventline_org";

/** Whoever acts on an organization's data: what services take to authorize (the data layer checks, not only routes). */
export type Caller =
  | { kind: "user"; userId: string; organizationId: string; role: Role }
  | { kind: "api_key"; keyId: string; organizationId: string; scope: ApiKeyScope };

/** Who an audit entry names for a caller. */
export function actorOf(caller: Caller): Actor {
  return caller.kind === "user" ? { type: "user", id: caller.userId } : { type: "api_key", id: caller.keyId };
}

export type Principal =
  | { kind: "user"; userId: string; email: string; name: string; organizationId: string; role: Role }
  | { kind: "api_key"; keyId: string; organizationId: string; scope: ApiKeyScope };

export async function authenticate(request: NextRequest): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  // An Eventline API key; any other bearer (a Clerk session token) is the identity provider's to judge.
  if (authorization && !/^Bearer\s+(?!evl_)\S+\.\S+\.\S+$/i.test(authorization)) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const key = match ? await authenticateApiKey(match[1]!) : null;
    if (!key) throw unauthorized("The API key is missing, malformed, unknown or revoked.");
    return { kind: "api_key", keyId: key.keyId, organizationId: key.organizationId, scope: key.scope };
  }
  const user = await identify(request);
  if (!user) throw unauthorized("Sign in, or send an API key as `Authorization: Bearer evl_…`.");
  const wanted = request.headers.get("x-organization-id") ?? request.cookies.get(ORGANIZATION_COOKIE)?.value ?? null;
  const memberships = await db.membership.findMany({
    where: { userId: user.id, ...(wanted ? { organizationId: wanted } : {}) },
    select: { organizationId: true, role: true },
    take: 2,
  });
  if (wanted && memberships.length === 0) throw new AppError("not_found", 404, "The organization was not found.");
  if (memberships.length === 0) throw new AppError("no_organization", 409, "Create or join an organization first.");
  if (memberships.length > 1) throw new AppError("organization_required", 400, "You belong to several organizations: say which one with the `x-organization-id` header.");
  const [membership] = memberships;
  return { kind: "user", userId: user.id, email: user.email, name: user.name, organizationId: membership!.organizationId, role: membership!.role };
}

export function allowed(principal: Caller, permission: Permission): boolean {
  return principal.kind === "user" ? can(principal.role, permission) : keyCan(principal.scope, permission);
}

export function permissionsOf(principal: Caller): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => allowed(principal, p));
}

/** 403 for an authenticated caller that lacks the permission (they already know the organization exists). */
export function requirePermission(principal: Caller, permission: Permission): void {
  if (!allowed(principal, permission)) {
    throw new AppError("forbidden", 403, principal.kind === "api_key" ? `This key's scope (${principal.scope}) does not allow this.` : "Your role does not allow this.");
  }
}
