import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization, membershipOf } from "@/lib/organizations/service";
import { publishChange } from "@/lib/realtime/publish";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey, seedApiKey } from "./api-keys";
import { signUp } from "./local-accounts";

async function org(name: string) {
  const owner = await signUp({ email: `${name}@example.test`, name, password: "a long enough password" });
  const created = await createOrganization(owner.id, { name });
  return { owner, org: created, caller: await membershipOf(owner.id, created.id) };
}

describe("API keys", () => {
  it("shows the secret once, stores only its hash, audits, and authenticates it", async () => {
    const { org: acme, caller } = await org("acme");
    const created = await createApiKey(caller, { name: "Zapier", scope: "read_write" }, { requestId: "req_test" });
    expect(created.secret).toMatch(/^evl_[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.secret.slice(0, 12));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(await listApiKeys(caller)).toEqual([expect.not.objectContaining({ secret: expect.anything() as unknown })]);
    const entry = await db.auditLogEntry.findFirstOrThrow({ where: { organizationId: acme.id, action: "apikey.created" } });
    expect(entry).toMatchObject({ actorType: "user", actorId: caller.userId, targetId: created.id, requestId: "req_test" });

    expect(await authenticateApiKey(created.secret)).toEqual({ keyId: created.id, organizationId: acme.id, scope: "read_write" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    expect(await authenticateApiKey(`${created.secret.slice(0, -1)}x`)).toBeNull();
    expect(await authenticateApiKey("not a key")).toBeNull();
  });

  it("revokes, and another organization cannot see or revoke the key", async () => {
    const [{ caller }, { caller: other }] = await Promise.all([org("acme2"), org("other")]);
    const key = await createApiKey(caller, { name: "CI" });
    expect(key.scope).toBe("read");
    await expect(revokeApiKey(other, key.id)).rejects.toMatchObject({ status: 404 });
    expect(await listApiKeys(other)).toEqual([]);
    expect(await authenticateApiKey(key.secret)).not.toBeNull();
    await revokeApiKey(caller, key.id);
    expect(await authenticateApiKey(key.secret)).toBeNull();
    expect(await db.auditLogEntry.count({ where: { action: "apikey.revoked", targetId: key.id } })).toBe(1);
  });

  it("forgets a cached key as soon as another process revokes it (the change feed), not KEY_CACHE_MS later", async () => {
    const { org: acme, caller } = await org("acme3");
    const key = await createApiKey(caller, { name: "Busy integration" });
    expect(await authenticateApiKey(key.secret)).not.toBeNull(); // now cached in this process

    // What another app process's revokeApiKey does, minus this process's own cache: the row, then the change.
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect(await authenticateApiKey(key.secret)).not.toBeNull(); // the cache is real: the row alone is not seen
    await publishChange(acme.id, "api-key", key.id);
    const deadline = Date.now() + 2_000;
    let principal = await authenticateApiKey(key.secret);
    while (principal && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      principal = await authenticateApiKey(key.secret);
    }
    expect(principal).toBeNull();
  });

  it("refuses staff members and API keys (keys never manage keys)", async () => {
    const { caller } = await org("refuse");
    const key = await createApiKey(caller, { name: "rw", scope: "read_write" });
    await expect(createApiKey({ ...caller, role: "staff" }, { name: "x" })).rejects.toMatchObject({ status: 403 });
    await expect(createApiKey({ kind: "api_key", keyId: key.id, organizationId: caller.organizationId, scope: "read_write" }, { name: "x" })).rejects.toMatchObject({ status: 403 });
  });

  it("can be created with an exact secret (development seed)", async () => {
    const { org: acme } = await org("seeded");
    const key = await seedApiKey(acme.id, "evl_dev_seed_key_0123456789");
    expect((await authenticateApiKey("evl_dev_seed_key_0123456789"))?.keyId).toBe(key.id);
  });
});
