#!/usr/bin/env node
/**
 * Fails when prisma/schema.prisma and the committed migrations disagree: replays the migrations into a throwaway
 * shadow database and diffs the result against the schema (`prisma migrate diff --exit-code`).
 *
 *   node scripts/check-drift.mjs [--schema FILE] [--migrations DIR]     (DATABASE_URL: a server to make the shadow on)
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    schema: { type: "string", default: "prisma/schema.prisma" },
    migrations: { type: "string", default: "prisma/migrations" },
  },
});

if (!process.env.DATABASE_URL) {
  console.error("check-drift: DATABASE_URL is not set (run it as `npm run db:drift`, which provides one).");
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  [path.join(root, "scripts/prisma.mjs"), "migrate", "diff", "--from-migrations", path.resolve(values.migrations), "--to-schema", path.resolve(values.schema), "--script", "--exit-code"],
  { cwd: root, env: process.env, encoding: "utf8" },
);

const sql = (result.stdout ?? "").split("\n").filter((line) => !/^Loaded Prisma config/.test(line)).join("\n").trim();
if (result.status === 0) {
  console.log("no drift: the migrations produce exactly prisma/schema.prisma");
  process.exit(0);
}
if (result.status === 2) {
  console.error("DRIFT: schema and migrations disagree. Create a migration with `npm run db:migrate -- --name <change>`.");
  console.error("SQL the migrations are missing:\n" + sql);
  process.exit(2);
}
console.error(`check-drift: prisma migrate diff failed (exit ${result.status})\n${result.stderr}\n${sql}`);
process.exit(1);
