import "server-only";
import { createClerkClient, verifyToken } from "@clerk/backend";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { RequestCredentials } from "./identity";
import type { SessionUser } from "./local-accounts";

/**
 * Clerk as identity provider. A request carries a Clerk session token (a short-lived RS256 JWT) either as
 * `Authorization: Bearer <jwt>` (API clients; `evl_…` bearers are Eventline API keys, not Clerk tokens) or in the
 * `__session` cookie Clerk's browser SDK keeps fresh. We verify it ourselves with `verifyToken` (networkless when
 * CLERK_JWT_KEY is set) and map its `sub` to our User row, creating that row from Clerk's Backend API on first sight:
 * the `user.created` webhook may arrive after the user's first request.
 */

export const CLERK_SESSION_COOKIE = "__session";
const API_KEY_PREFIX = "evl_";

const select = { id: true, email: true, name: true } as const;

/** The Clerk session token of a request, or null. */
export function clerkSessionToken(request: RequestCredentials): string | null {
  const authorization = request.headers.get("authorization");
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (bearer && !bearer.startsWith(API_KEY_PREFIX)) return bearer;
  return request.cookies.get(CLERK_SESSION_COOKIE)?.value || null;
}

/** The Clerk user id (`sub`) of a valid, active session token; null for anything else (never throws). */
export async function verifiedClerkUserId(token: string): Promise<string | null> {
  if (!env.CLERK_JWT_KEY && !env.CLERK_SECRET_KEY) return null;
  try {
    const claims = await verifyToken(token, {
      ...(env.CLERK_JWT_KEY ? { jwtKey: env.CLERK_JWT_KEY } : { secretKey: env.CLERK_SECRET_KEY }),
      ...(env.CLERK_API_URL ? { apiUrl: env.CLERK_API_URL } : {}),
      ...(env.APP_URL ? { authorizedParties: [new URL(env.APP_URL).origin] } : {}),
    });
    // A session with pending tasks (e.g. "choose an organization" in Clerk) is treated as signed out, as Clerk does.
    if (claims.sts === "pending") return null;
    return typeof claims.sub === "string" && claims.sub ? claims.sub : null;
  } catch {
    return null;
  }
}

/** The signed-in person behind a request's Clerk session token, synced into our users table on first sight. */
export async function clerkUser(request: RequestCredentials): Promise<SessionUser | null> {
  const token = clerkSessionToken(request);
  if (!token) return null;
  const clerkUserId = await verifiedClerkUserId(token);
  if (!clerkUserId) return null;
  const known = await db.user.findUnique({ where: { clerkUserId }, select });
  if (known) return known;
  const profile = await fetchClerkProfile(clerkUserId);
  if (!profile) return null; // deleted at Clerk while the token was still valid
  const { user } = await upsertClerkUser(profile);
  return user;
}

/** What we keep of a Clerk user. `updatedAt` is Clerk's `updated_at` (ms since epoch). */
export type ClerkProfile = { clerkUserId: string; email: string; emailVerified: boolean; name: string; updatedAt: number };

export type ClerkEmailAddress = { id: string; emailAddress: string; verified: boolean };

/** Builds a profile from Clerk's user fields; throws `clerk_user_without_email` when there is no primary email. */
export function clerkProfile(fields: {
  id: string;
  primaryEmailAddressId: string | null | undefined;
  emailAddresses: ClerkEmailAddress[];
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  updatedAt?: number | null;
}): ClerkProfile {
  const primary = fields.emailAddresses.find((address) => address.id === fields.primaryEmailAddressId);
  if (!primary) {
    throw new AppError("clerk_user_without_email", 422, "This Clerk account has no primary email address; Eventline needs one.");
  }
  const email = primary.emailAddress.trim().toLowerCase();
  const fullName = [fields.firstName, fields.lastName].map((part) => part?.trim()).filter(Boolean).join(" ");
  const name = (fullName || fields.username?.trim() || email.split("@")[0] || email).slice(0, 100);
  return { clerkUserId: fields.id, email, emailVerified: primary.verified, name, updatedAt: fields.updatedAt ?? Date.now() };
}

/** Reads a user from Clerk's Backend API (`GET /v1/users/:id`); null when Clerk no longer knows the user. */
export async function fetchClerkProfile(clerkUserId: string): Promise<ClerkProfile | null> {
  const clerk = createClerkClient({ secretKey: env.CLERK_SECRET_KEY, ...(env.CLERK_API_URL ? { apiUrl: env.CLERK_API_URL } : {}) });
  let user: Awaited<ReturnType<typeof clerk.users.getUser>>;
  try {
    user = await clerk.users.getUser(clerkUserId);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw new AppError("identity_provider_unavailable", 503, "Could not load your account from Clerk. Try again in a moment.", {}, { "retry-after": "5" });
  }
  return clerkProfile({
    id: user.id,
    primaryEmailAddressId: user.primaryEmailAddressId,
    emailAddresses: user.emailAddresses.map((address) => ({
      id: address.id,
      emailAddress: address.emailAddress,
      verified: address.verification?.status === "verified",
    })),
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    updatedAt: user.updatedAt,
  });
}

export type UpsertResult = { user: SessionUser; outcome: "created" | "linked" | "updated" | "unchanged" | "stale" };

/** Another writer changed the row between our read and our write: read again. */
class RaceLost extends Error {}
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/**
 * Creates or updates our User for a Clerk user, keyed by clerkUserId. The row's `updatedAt` is set to Clerk's
 * `updated_at`, so a later call carrying older data (a webhook delivered out of order) is recognised and skipped
 * (`stale`). With `overwrite: false` an existing row is returned as it is (request-time sync). A local account with the
 * same email and no Clerk id is linked when Clerk has verified the address. Safe against concurrent callers: a unique
 * violation (a webhook or another request created the row meanwhile) is resolved by reading again.
 */
export async function upsertClerkUser(profile: ClerkProfile, options: { overwrite?: boolean } = {}): Promise<UpsertResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await upsertOnce(profile, options.overwrite ?? false);
    } catch (error) {
      if (!(error instanceof RaceLost || isUniqueViolation(error)) || attempt >= 2) throw error;
    }
  }
}

async function upsertOnce(profile: ClerkProfile, overwrite: boolean): Promise<UpsertResult> {
  const { clerkUserId, email, name } = profile;
  const updatedAt = new Date(profile.updatedAt);
  const existing = await db.user.findUnique({ where: { clerkUserId }, select: { ...select, updatedAt: true } });
  if (existing) {
    const user = { id: existing.id, email: existing.email, name: existing.name };
    if (!overwrite) return { user, outcome: "unchanged" };
    if (existing.updatedAt.getTime() > profile.updatedAt) return { user, outcome: "stale" };
    // Only the row as we read it: a concurrent newer write makes this match nothing, and the retry sees it.
    const { count } = await db.user.updateMany({ where: { id: existing.id, updatedAt: existing.updatedAt }, data: { email, name, updatedAt } });
    if (count === 0) throw new RaceLost();
    return { user: { id: existing.id, email, name }, outcome: "updated" };
  }
  const sameEmail = await db.user.findUnique({ where: { email }, select: { ...select, clerkUserId: true } });
  if (sameEmail) {
    if (sameEmail.clerkUserId === clerkUserId) throw new RaceLost(); // created between our two reads
    if (sameEmail.clerkUserId || !profile.emailVerified) {
      throw new AppError("account_conflict", 409, "Another Eventline account already uses this email address.");
    }
    // Linking keeps the local account and its memberships; a webhook (overwrite) also brings Clerk's name.
    const linkedName = overwrite ? name : sameEmail.name;
    const { count } = await db.user.updateMany({ where: { id: sameEmail.id, clerkUserId: null }, data: { clerkUserId, name: linkedName, updatedAt } });
    if (count === 0) throw new RaceLost();
    return { user: { id: sameEmail.id, email, name: linkedName }, outcome: "linked" };
  }
  const created = await db.user.create({ data: { id: newId("usr"), clerkUserId, email, name, updatedAt }, select });
  return { user: created, outcome: "created" };
}
