import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { env, modes } from "@/lib/env";
import { listOrganizations, type OrganizationDto } from "@/lib/organizations/service";
import { clientIpFrom, REQUESTED_PATH_HEADER } from "@/lib/request-id";
import { cookieOptions } from "./cookie-options";
import { identify, SESSION_COOKIE } from "./identity";
import type { SessionUser } from "./local-accounts";
import type { Caller } from "./principal";

/**
 * Identity for pages and server actions (route handlers use lib/auth/principal.ts). Reads the request's cookies and
 * headers through next/headers; memoized per request.
 */
export const ORGANIZATION_COOKIE = "eventline_org";

export const currentUser = cache(async (): Promise<SessionUser | null> => identify({ headers: await headers(), cookies: await cookies() }));

/**
 * The signed-in user, or a redirect to sign-in that comes back to `next` (by default the page that was asked for, as
 * proxy.ts recorded it; else the dashboard).
 */
export async function requireUser(next?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    const back = next ?? safeNext((await headers()).get(REQUESTED_PATH_HEADER));
    redirect(`/sign-in?next=${encodeURIComponent(back)}`);
  }
  return user;
}

export type Workspace = { user: SessionUser; organizations: OrganizationDto[]; organization: OrganizationDto; caller: Extract<Caller, { kind: "user" }> };

/** The signed-in user, their organizations and the current one (cookie choice, else the first); onboarding when none. */
export const requireWorkspace = cache(async (next?: string): Promise<Workspace> => {
  const user = await requireUser(next);
  const organizations = await listOrganizations(user.id);
  if (organizations.length === 0) redirect("/onboarding");
  const chosen = (await cookies()).get(ORGANIZATION_COOKIE)?.value;
  const organization = organizations.find((o) => o.id === chosen) ?? organizations[0]!;
  return { user, organizations, organization, caller: { kind: "user", userId: user.id, organizationId: organization.id, role: organization.role } };
});

/** Flags: lib/auth/cookie-options.ts (HttpOnly, SameSite=Lax, Secure, Path=/, Max-Age). */
const options = (maxAgeSeconds: number) => cookieOptions(maxAgeSeconds, { appUrl: env.APP_URL, nodeEnv: env.NODE_ENV });

/** The session cookie lives exactly as long as the session (30 days, lib/auth/local-accounts.ts). */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, options((expiresAt.getTime() - Date.now()) / 1000));
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, "", options(0));
}

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

/** Which organization the dashboard shows: not a secret, but only our own pages need to read it. */
export async function chooseOrganization(organizationId: string): Promise<void> {
  (await cookies()).set(ORGANIZATION_COOKIE, organizationId, options(365 * 24 * 3600));
}

export async function requestContext(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get("user-agent") };
}

export const usesClerk = () => modes.auth === "clerk";

/** Only same-site relative paths are followed after sign-in (no open redirects). */
export function safeNext(value: unknown, fallback = "/dashboard"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}
