import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { assertLocal } from "./database";

describe("test database", () => {
  it("starts every test file empty", async () => {
    // Runs first in this file: rows written by earlier files on this worker must have been truncated.
    expect(await db.organization.count()).toBe(0);
  });

  it("is a migrated PostgreSQL database of this worker's own", async () => {
    const [row] = await db.$queryRaw<{ db: string; version: string }[]>`SELECT current_database() AS db, current_setting('server_version') AS version`;
    expect(row?.db).toMatch(/^eventline_test_\d+$/);
    expect(Number(row?.version.split(".")[0])).toBeGreaterThanOrEqual(15);
    const org = await db.organization.create({ data: { id: newId("org"), name: "Acme", slug: `acme-${Date.now()}` } });
    expect(await db.organization.findUnique({ where: { id: org.id } })).toMatchObject({ name: "Acme", timezone: "UTC" });
  });

  it("refuses a non-local database unless explicitly allowed", () => {
    expect(() => assertLocal("postgresql://u:p@db.example.com:5432/x", undefined)).toThrow(/Refusing to run tests against db.example.com/);
    expect(() => assertLocal("postgresql://u:p@db.example.com:5432/x", "1")).not.toThrow();
    expect(() => assertLocal("postgresql://u:p@localhost:5432/x", undefined)).not.toThrow();
  });
});
