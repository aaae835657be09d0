import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { perProcess } from "@/lib/per-process";
import { newId, randomToken } from "@/lib/ids";
import { audit, type AuditContext } from "@/lib/audit/log";
import { invalidatedBy } from "@/lib/realtime/invalidation";
import { publishChange } from "@/lib/realtime/publish";
import { type ApiKeyScope } from "./permissions";
import { actorOf, requirePermission, type Caller } from "./principal";

/**
 * API keys per organization: `evl_` + 40 random base62 characters (~238 bits). The secret is returned once, at
 * creation; the database keeps its SHA-256 (fast to look up, and a leak of the table reveals no usable key) and a
 * 12-character prefix so people can tell keys apart.
 */

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80, "Keep the name under 80 characters."),
  scope: z.enum(["read", "read_write"]).default("read"),
});

export type ApiKeyDto = { id: string; name: string; scope: ApiKeyScope; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
export type ApiKeyPrincipal = { keyId: string; organizationId: string; scope: ApiKeyScope };

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");
const dto = (k: ApiKeyDto): ApiKeyDto => ({ id: k.id, name: k.name, scope: k.scope, prefix: k.prefix, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt });

/** Creates a key for the caller's organization; `secret` is in the answer this one time only. */
export async function createApiKey(caller: Caller, input: z.input<typeof createApiKeyInput>, context: AuditContext = {}): Promise<ApiKeyDto & { secret: string }> {
  requirePermission(caller, "apikeys.manage");
  const data = createApiKeyInput.parse(input);
  return db.$transaction(async (tx) => {
    const created = await insertKey(tx, caller.organizationId, caller.kind === "user" ? caller.userId : null, data, `evl_${randomToken(40)}`);
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "apikey.created", target: { type: "api_key", id: created.id }, data: { name: data.name, scope: data.scope } }, context, tx);
    return created;
  });
}

/** Development seed only (lib/env.ts refuses SEED_API_KEY in production): a key with exactly this secret. */
export async function seedApiKey(organizationId: string, secret: string): Promise<ApiKeyDto & { secret: string }> {
  return insertKey(db, organizationId, null, { name: "Seed key", scope: "read_write" }, secret);
}

async function insertKey(client: Pick<typeof db, "apiKey">, organizationId: string, createdById: string | null, data: z.output<typeof createApiKeyInput>, secret: string) {
  const key = await client.apiKey.create({
    data: { id: newId("key"), organizationId, name: data.name, scope: data.scope, prefix: secret.slice(0, 12), secretHash: digest(secret), createdById },
  });
  return { ...dto(key), secret };
}

export async function listApiKeys(caller: Caller): Promise<ApiKeyDto[]> {
  requirePermission(caller, "apikeys.manage");
  const keys = await db.apiKey.findMany({ where: { organizationId: caller.organizationId }, orderBy: { createdAt: "desc" } });
  return keys.map(dto);
}

/** Revokes a key of the caller's organization; a key of another organization answers 404. */
export async function revokeApiKey(caller: Caller, keyId: string, context: AuditContext = {}): Promise<void> {
  requirePermission(caller, "apikeys.manage");
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id: keyId, organizationId: caller.organizationId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) {
      if (!(await tx.apiKey.findFirst({ where: { id: keyId, organizationId: caller.organizationId }, select: { id: true } }))) throw notFound("API key");
      return; // already revoked: nothing to record
    }
    await audit({ organizationId: caller.organizationId, actor: actorOf(caller), action: "apikey.revoked", target: { type: "api_key", id: keyId } }, context, tx);
    await publishChange(caller.organizationId, "api-key", keyId, tx); // every process forgets the key at commit
  });
  forgetKey(keyId);
}

/**
 * Verified keys are remembered in this process for a few seconds, so a busy integration costs one database read per
 * key per KEY_CACHE_MS instead of one per request. A revocation is published on the change feed in its transaction,
 * so every process (one per core under `npm start`, every instance of a deployment) forgets the key when it commits;
 * the cache is used only while this process listens to that feed (docs/decisions.md #19, #75).
 */
export const KEY_CACHE_MS = 10_000;
const KEY_CACHE_MAX = 10_000;
type Cached = { principal: ApiKeyPrincipal; until: number; lastUsedAt: number };
const keyCache = perProcess("apiKeyCache", () => new Map<string, Cached>());

function forgetKey(keyId: string): void {
  for (const [hash, entry] of keyCache) if (entry.principal.keyId === keyId) keyCache.delete(hash);
}
const hearingRevocations = invalidatedBy("apiKeys", "api-key", { forget: forgetKey, forgetAll: () => keyCache.clear() });

/** lastUsedAt is informational: written at most once a minute per key, off the request's path. */
function touch(entry: Cached, now: number): void {
  if (now - entry.lastUsedAt < 60_000) return;
  entry.lastUsedAt = now;
  void db.apiKey.update({ where: { id: entry.principal.keyId }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
}

/** The organization and scope behind a presented secret, or null for unknown, malformed or revoked keys. */
export async function authenticateApiKey(secret: string): Promise<ApiKeyPrincipal | null> {
  if (!/^evl_[A-Za-z0-9_]{16,100}$/.test(secret)) return null;
  const hash = digest(secret);
  const now = Date.now();
  const cached = keyCache.get(hash);
  if (cached && cached.until > now) {
    touch(cached, now);
    return cached.principal;
  }
  keyCache.delete(hash);
  const key = await db.apiKey.findUnique({ where: { secretHash: hash } });
  if (!key || key.revokedAt) return null;
  const entry: Cached = { principal: { keyId: key.id, organizationId: key.organizationId, scope: key.scope }, until: now + KEY_CACHE_MS, lastUsedAt: key.lastUsedAt?.getTime() ?? 0 };
  if (await hearingRevocations()) {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(hash, entry);
  }
  if (now - entry.lastUsedAt >= 60_000) {
    entry.lastUsedAt = now;
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return entry.principal;
}
