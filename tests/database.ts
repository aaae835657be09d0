/**
 * Test databases: one migrated template per run, a copy per Vitest worker (CREATE DATABASE … TEMPLATE, ~30 ms),
 * emptied between test files. Refuses a non-local server unless ALLOW_NONLOCAL_TEST_DATABASE=1.
 */
import pg from "pg";

export const TEMPLATE_DATABASE = "eventline_template";
export const workerDatabase = (poolId: string) => `eventline_test_${poolId.replace(/\W/g, "")}`;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocal(url: string, allow: string | undefined): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host) && allow !== "1") {
    throw new Error(
      `Refusing to run tests against ${host}: tests create and drop databases. Use a local server, or set ALLOW_NONLOCAL_TEST_DATABASE=1 if you really mean it.`,
    );
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
