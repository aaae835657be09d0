#!/usr/bin/env node
/**
 * Writes the package.json of the image's migration tool (Dockerfile, stage `migrate`): the Prisma CLI and what
 * scripts/prisma.mjs needs when Prisma's native schema engine is unavailable (docs/decisions.md #2), at exactly the
 * versions the app's package.json pins. Usage: node docker/migrate-package.mjs <app package.json> > package.json
 */
import { readFileSync } from "node:fs";

const app = JSON.parse(readFileSync(process.argv[2] ?? "package.json", "utf8"));
const names = ["prisma", "@prisma/adapter-pg", "@prisma/driver-adapter-utils", "@prisma/schema-engine-wasm", "pg"];
const dependencies = Object.fromEntries(
  names.map((name) => {
    const version = app.dependencies?.[name];
    if (!version) throw new Error(`package.json has no dependency ${name}`);
    return [name, version];
  }),
);
process.stdout.write(`${JSON.stringify({ name: "eventline-migrate", private: true, dependencies }, null, 2)}\n`);
