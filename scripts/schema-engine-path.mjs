/**
 * Points Prisma's CLI at our schema-engine stand-in (scripts/prisma-schema-engine.mjs) when the native engine binary
 * is missing, i.e. when @prisma/engines could not download it. An explicit PRISMA_SCHEMA_ENGINE_BINARY wins.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function nativeSchemaEngine() {
  const dir = path.join(root, "node_modules/@prisma/engines");
  if (!existsSync(dir)) return null;
  const binary = readdirSync(dir).find((name) => name.startsWith("schema-engine-"));
  return binary ? path.join(dir, binary) : null;
}

export const standInPath = path.join(root, "scripts/prisma-schema-engine.mjs");

/** Sets PRISMA_SCHEMA_ENGINE_BINARY in `env` if needed; returns which engine will be used. */
export function useSchemaEngine(env = process.env) {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (nativeSchemaEngine()) return "native";
  env.PRISMA_SCHEMA_ENGINE_BINARY = standInPath;
  return standInPath;
}
