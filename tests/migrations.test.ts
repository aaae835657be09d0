import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { withDatabase } from "./database";

const root = path.resolve(import.meta.dirname, "..");
const drift = (schema?: string) =>
  spawnSync(process.execPath, ["scripts/check-drift.mjs", ...(schema ? ["--schema", schema] : [])], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: withDatabase(inject("testServerUrl"), "postgres") },
    encoding: "utf8",
  });

describe("migrations", () => {
  it("produce exactly the committed schema (no drift)", () => {
    const result = drift();
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("no drift");
    expect(result.status).toBe(0);
  });

  it("are reported as drifting when the schema has a change no migration makes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "eventline-drift-"));
    const schema = path.join(dir, "schema.prisma");
    const original = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    writeFileSync(schema, original.replace(/model Organization \{/, "model Organization {\n  driftCheck String?"));
    const result = drift(schema);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("DRIFT");
    expect(result.stderr).toMatch(/ALTER TABLE "organizations" ADD COLUMN\s+"driftCheck" TEXT/);
  });
});
