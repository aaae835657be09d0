import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { newId, randomToken } from "@/lib/ids";
import { type ApiKeyScope } from "./permissions";

/**
 * API keys per organization: `evl_` + 40 random base62 characters (~238 bits). The secret is returned once, at
 * creation; the database keeps its SHA-256 (fast to look up, and a leak of the table reveals no usable key) and a
 * 12-character prefix so people can tell keys apart.
 */

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(80),
  scope: z.enum(["read", "read_write"]).default("read"),
});

export type ApiKeyDto = { id: string; name: string; scope: ApiKeyScope; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
export type ApiKeyPrincipal = { keyId: string; organizationId: string; scope: ApiKeyScope };

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");
const dto = (k: ApiKeyDto): ApiKeyDto => ({ id: k.id, name: k.name, scope: k.scope, prefix: k.prefix, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt });

/** Creates a key; `secret` is in the answer this one time only. `exactSecret` is for the development seed. */
export async function createApiKey(
  organizationId: string,
  createdById: string | null,
  input: z.input<typeof createApiKeyInput>,
  exactSecret?: string,
): Promise<ApiKeyDto & { secret: string }> {
  const data = createApiKeyInput.parse(input);
  const secret = exactSecret ?? `evl_${randomToken(40)}`;
  const key = await db.apiKey.create({
    data: { id: newId("key"), organizationId, name: data.name, scope: data.scope, prefix: secret.slice(0, 12), secretHash: digest(secret), createdById },
  });
  return { ...dto(key), secret };
}

export async function listApiKeys(organizationId: string): Promise<ApiKeyDto[]> {
  const keys = await db.apiKey.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" } });
  return keys.map(dto);
}

/** Revokes a key of this organization; a key of another organization answers 404. */
export async function revokeApiKey(organizationId: string, keyId: string): Promise<void> {
  const { count } = await db.apiKey.updateMany({ where: { id: keyId, organizationId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0 && !(await db.apiKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true } }))) throw notFound("API key");
}

/** The organization and scope behind a presented secret, or null for unknown, malformed or revoked keys. */
export async function authenticateApiKey(secret: string): Promise<ApiKeyPrincipal | null> {
  if (!/^evl_[A-Za-z0-9_]{16,100}$/.test(secret)) return null;
  const key = await db.apiKey.findUnique({ where: { secretHash: digest(secret) } });
  if (!key || key.revokedAt) return null;
  // lastUsedAt is informational: write it at most once a minute per key.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { keyId: key.id, organizationId: key.organizationId, scope: key.scope };
}
