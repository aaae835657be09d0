import { inject } from "vitest";
import { quoteIdent, TEMPLATE_DATABASE, withClient, withDatabase, workerDatabase } from "./database";

/**
 * Runs in each worker before every test file: points DATABASE_URL at this worker's own database (a copy of the
 * migrated template) and empties it, so files never see each other's rows.
 */
const serverUrl = inject("testServerUrl");
const name = workerDatabase(process.env.VITEST_POOL_ID ?? "1");
const url = withDatabase(serverUrl, name);

await withClient(withDatabase(serverUrl, "postgres"), async (client) => {
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (rowCount) return;
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(TEMPLATE_DATABASE)}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "42P04") return; // created meanwhile
      if (code !== "55006" || attempt > 20) throw error; // template busy: another worker is copying it
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});

await withClient(url, async (client) => {
  const { rows } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
  );
  if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => quoteIdent(r.tablename)).join(", ")} RESTART IDENTITY CASCADE`);
});

process.env.DATABASE_URL = url;
