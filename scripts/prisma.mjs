#!/usr/bin/env node
/**
 * Runs the Prisma CLI with the schema engine this machine can use (see schema-engine-path.mjs).
 * After a successful `migrate dev` it also regenerates the client (Prisma 7's migrate no longer does).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { useSchemaEngine } from "./schema-engine-path.mjs";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
useSchemaEngine(env);

const prisma = (args) =>
  spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], { cwd: root, env, stdio: "inherit" }).status ?? 1;

const args = process.argv.slice(2);
let status = prisma(args);
if (status === 0 && args[0] === "migrate" && args[1] === "dev") status = prisma(["generate"]);
process.exit(status);
