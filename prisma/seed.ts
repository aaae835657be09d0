/**
 * Demo data for a new database. `--if-empty` (used by the launcher) seeds only a database with no organizations,
 * so restarting never duplicates or overwrites anything.
 */
import { db } from "../lib/db";
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
}

main()
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    console.error("[seed] failed:", error instanceof Error ? error.message : error);
    await db.$disconnect();
    process.exit(1);
  });
