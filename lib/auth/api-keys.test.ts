import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/organizations/service";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { signUp } from "./local-accounts";

async function org(name: string) {
  const owner = await signUp({ email: `${name}@example.test`, name, password: "a long enough password" });
  return { owner, org: await createOrganization(owner.id, { name }) };
}

describe("API keys", () => {
  it("shows the secret once, stores only its hash, and authenticates it", async () => {
    const { owner, org: acme } = await org("acme");
    const created = await createApiKey(acme.id, owner.id, { name: "Zapier", scope: "read_write" });
    expect(created.secret).toMatch(/^evl_[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.secret.slice(0, 12));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(await listApiKeys(acme.id)).toEqual([expect.not.objectContaining({ secret: expect.anything() as unknown })]);

    expect(await authenticateApiKey(created.secret)).toEqual({ keyId: created.id, organizationId: acme.id, scope: "read_write" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    expect(await authenticateApiKey(`${created.secret.slice(0, -1)}x`)).toBeNull();
    expect(await authenticateApiKey("not a key")).toBeNull();
  });

  it("revokes, and another organization cannot see or revoke the key", async () => {
    const [{ owner, org: acme }, { org: other }] = await Promise.all([org("acme2"), org("other")]);
    const key = await createApiKey(acme.id, owner.id, { name: "CI" });
    expect(key.scope).toBe("read");
    await expect(revokeApiKey(other.id, key.id)).rejects.toMatchObject({ status: 404 });
    expect(await listApiKeys(other.id)).toEqual([]);
    expect(await authenticateApiKey(key.secret)).not.toBeNull();
    await revokeApiKey(acme.id, key.id);
    expect(await authenticateApiKey(key.secret)).toBeNull();
  });

  it("can be created with an exact secret (development seed)", async () => {
    const { owner, org: acme } = await org("seeded");
    const key = await createApiKey(acme.id, owner.id, { name: "seed", scope: "read_write" }, "evl_dev_seed_key_0123456789");
    expect((await authenticateApiKey("evl_dev_seed_key_0123456789"))?.keyId).toBe(key.id);
  });
});
