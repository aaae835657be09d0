import { spawnSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../scripts/lib/embedded-postgres";
import { assertLocal, quoteIdent, TEMPLATE_DATABASE, withClient, withDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, "..");

/** Starts (or reuses) the test PostgreSQL server and migrates the template database with `prisma migrate deploy`. */
export default async function setup(project: TestProject) {
  let server: EmbeddedPostgresHandle | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    server = await startEmbeddedPostgres({
      dir: process.env.TEST_PG_DIR ?? ".data/test-postgres",
      port: Number(process.env.TEST_PG_PORT ?? 54330),
      log: () => {},
    });
    serverUrl = server.url("postgres");
  }
  assertLocal(serverUrl, process.env.ALLOW_NONLOCAL_TEST_DATABASE);

  await withClient(withDatabase(serverUrl, "postgres"), async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'eventline\\_test\\_%'",
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DATABASE)}`);
  });

  const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: withDatabase(serverUrl, TEMPLATE_DATABASE) },
    encoding: "utf8",
  });
  if (migrate.status !== 0) {
    throw new Error(`prisma migrate deploy failed on the test template:\n${migrate.stdout}\n${migrate.stderr}`);
  }

  project.provide("testServerUrl", serverUrl);
  return async () => {
    if (server?.owned) await server.stop();
  };
}
