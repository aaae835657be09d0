import { defineConfig } from "prisma/config";
// @ts-expect-error -- plain ESM helper shared with scripts/prisma.mjs, no type declarations
import { useSchemaEngine } from "./scripts/schema-engine-path.mjs";

// Offline machines have no native schema engine: use the WebAssembly stand-in (docs/decisions.md #2).
(useSchemaEngine as (env: NodeJS.ProcessEnv) => string)(process.env);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "node --conditions=react-server --import tsx prisma/seed.ts",
  },
  datasource: {
    // The launcher sets DATABASE_URL; the fallback is the embedded server's default address.
    url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@localhost:54329/eventline",
  },
});
