#!/usr/bin/env node
/** Runs the Prisma CLI with the schema engine this machine can use (see schema-engine-path.mjs). */
import { spawn } from "node:child_process";
import path from "node:path";
import { useSchemaEngine } from "./schema-engine-path.mjs";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
useSchemaEngine(env);

const child = spawn(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
