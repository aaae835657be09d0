import { defineConfig } from "prisma/config";
import { useSchemaEngine } from "./scripts/schema-engine-path.mjs";

// Offline machines have no native schema engine: use the WebAssembly stand-in (docs/decisions.md #2).
useSchemaEngine(process.env);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "node --import ./scripts/server-only-shim.mjs --import tsx prisma/seed.ts",
  },
  datasource: {
    // The launcher sets DATABASE_URL; the fallback is the embedded server's default address.
    url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@localhost:54329/eventline",
  },
});
