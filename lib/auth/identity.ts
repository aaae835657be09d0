import "server-only";
import { modes } from "@/lib/env";
import { clerkUser } from "./clerk";
import { sessionUser, type SessionUser } from "./local-accounts";

export const SESSION_COOKIE = "eventline_session";

/** What identify() needs from a request: its headers and cookies (a NextRequest, or next/headers in a page). */
export type RequestCredentials = {
  headers: { get(name: string): string | null };
  cookies: { get(name: string): { value: string } | undefined };
};

/**
 * The signed-in person behind a browser request, from whichever identity provider is configured: Clerk (a verified
 * session token, user synced on first sight) or local accounts (the `eventline_session` cookie). null when signed out
 * or when the credentials are expired, revoked or forged.
 */
export async function identify(request: RequestCredentials): Promise<SessionUser | null> {
  if (modes.auth === "clerk") return clerkUser(request);
  return sessionUser(request.cookies.get(SESSION_COOKIE)?.value);
}
