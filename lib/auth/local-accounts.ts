import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { audit, type AuditContext } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";

/**
 * Local accounts (the embedded default identity provider): email + password hashed with argon2id, and revocable
 * sessions whose random token lives only in the user's cookie (the database keeps its SHA-256).
 */

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
const THROTTLE_WINDOW_MS = 15 * 60_000;
const THROTTLE_MAX_FAILURES = 5;

export const signUpInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});
export const signInInput = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(200),
});

export type SessionUser = { id: string; email: string; name: string };
export type IssuedSession = { token: string; expiresAt: Date; user: SessionUser };

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
// A real hash to compare against when the email is unknown, so timing does not reveal which emails have accounts.
let decoy: Promise<string> | undefined;

export async function signUp(input: z.input<typeof signUpInput>, context: AuditContext = {}): Promise<SessionUser> {
  const data = signUpInput.parse(input);
  const passwordHash = await hash(data.password);
  try {
    const user = await db.user.create({ data: { id: newId("usr"), email: data.email, name: data.name, passwordHash } });
    await audit({ organizationId: null, actor: { type: "user", id: user.id }, action: "user.signed_up" }, context);
    return { id: user.id, email: user.email, name: user.name };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("email_taken", 409, "An account with this email already exists. Sign in instead.");
    throw error;
  }
}

async function issueSession(user: SessionUser, userAgent?: string | null): Promise<IssuedSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.authSession.create({ data: { id: newId("sid"), userId: user.id, tokenHash: tokenHash(token), expiresAt, userAgent: userAgent?.slice(0, 300) ?? null } });
  return { token, expiresAt, user };
}

type SignInContext = AuditContext & { userAgent?: string | null; /** The session this browser had before: revoked (rotation). */ previousToken?: string | null };

/** Checks the password (throttled per email) and issues a fresh session: a new token on every sign-in (rotation). */
export async function signIn(input: z.input<typeof signInInput>, context: SignInContext = {}): Promise<IssuedSession> {
  const { email, password } = signInInput.parse(input);
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const failures = await db.signInAttempt.count({ where: { email, succeeded: false, at: { gte: since } } });
  if (failures >= THROTTLE_MAX_FAILURES) {
    throw new AppError("too_many_attempts", 429, "Too many failed sign-ins. Try again in a few minutes.", {}, { "retry-after": String(THROTTLE_WINDOW_MS / 1000) });
  }
  const user = await db.user.findUnique({ where: { email } });
  decoy ??= hash("decoy password for timing");
  const ok = await verify(user?.passwordHash ?? (await decoy), password).catch(() => false);
  await db.signInAttempt.create({ data: { email, ip: context.ip ?? null, succeeded: Boolean(user && ok) } });
  if (!user || !ok) {
    await audit({ organizationId: null, actor: user ? { type: "user", id: user.id } : { type: "anonymous" }, action: "user.sign_in_failed", data: { email } }, context);
    throw new AppError("invalid_credentials", 401, "The email or password is not right.");
  }
  if (context.previousToken) await signOut(context.previousToken);
  await audit({ organizationId: null, actor: { type: "user", id: user.id }, action: "user.signed_in" }, context);
  return issueSession({ id: user.id, email: user.email, name: user.name }, context.userAgent);
}

/** The signed-in user for a session token, or null when it is unknown, expired or revoked. */
export async function sessionUser(token: string | null | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const session = await db.authSession.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

export async function signOut(token: string): Promise<void> {
  await db.authSession.updateMany({ where: { tokenHash: tokenHash(token), revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Revokes every session of a user (sign out everywhere). Returns how many were open. */
export async function signOutEverywhere(userId: string, context: AuditContext = {}): Promise<number> {
  const { count } = await db.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  await audit({ organizationId: null, actor: { type: "user", id: userId }, action: "user.signed_out_everywhere", data: { sessions: count } }, context);
  return count;
}
