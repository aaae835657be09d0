/**
 * Demo data for a new database. `--if-empty` (used by the launcher) seeds only a database with no organizations,
 * so restarting never duplicates or overwrites anything.
 */
import { seedApiKey } from "../lib/auth/api-keys";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { newId } from "../lib/ids";

async function main() {
  const ifEmpty = process.argv.includes("--if-empty");
  const existing = await db.organization.count();
  if (ifEmpty && existing > 0) {
    console.log(`[seed] database already has data (${existing} organization(s)); nothing to do`);
    return;
  }
  const org = await db.organization.upsert({
    where: { slug: "demo-events" },
    update: {},
    create: { id: newId("org"), name: "Demo Events Co.", slug: "demo-events", timezone: "Europe/Berlin" },
  });
  console.log(`[seed] demo organization ready: ${org.name} (${org.id})`);

  // Development only (lib/env.ts refuses SEED_API_KEY when NODE_ENV=production): an owner-scope key with that secret.
  if (env.SEED_API_KEY && !(await db.apiKey.findFirst({ where: { organizationId: org.id, name: "Seed key" } }))) {
    const key = await seedApiKey(org.id, env.SEED_API_KEY);
    console.log(`[seed] API key from SEED_API_KEY ready (${key.prefix}…)`);
  }
}

main()
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    console.error("[seed] failed:", error instanceof Error ? error.message : error);
    await db.$disconnect();
    process.exit(1);
  });
