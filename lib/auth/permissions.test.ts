import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES, can, keyCan, PERMISSIONS, ROLES, type Permission } from "./permissions";

const all = Object.keys(PERMISSIONS) as Permission[];

describe("permission table", () => {
  it("gives each role exactly its column", () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, all.filter((p) => can(role, p)).sort()]));
    expect(table.owner).toEqual([...all].sort());
    expect(table.admin).toEqual([...all].sort());
    expect(table.staff).toEqual(["attendees.read", "checkin", "conversations.read", "conversations.reply", "events.read", "jobs.read", "team.read", "webhooks.read"]);
    expect(table.viewer).toEqual(["conversations.read", "events.read", "jobs.read", "team.read"]);
  });

  it("keeps attendee personal data from viewers and event management from staff", () => {
    expect(can("viewer", "attendees.read")).toBe(false);
    expect(can("staff", "events.manage")).toBe(false);
    expect(can("staff", "team.manage")).toBe(false);
  });

  it("is monotonic: a higher role can do everything a lower one can", () => {
    for (let i = 1; i < ROLES.length; i++) {
      for (const p of all) if (can(ROLES[i]!, p)) expect(can(ROLES[i - 1]!, p)).toBe(true);
    }
  });

  it("limits API keys by scope and never lets them manage team, keys or settings", () => {
    expect(all.filter((p) => keyCan("read", p)).sort()).toEqual([
      "attendees.read",
      "audit.read",
      "conversations.read",
      "events.read",
      "jobs.read",
      "team.read",
      "webhooks.read",
    ]);
    for (const scope of API_KEY_SCOPES) {
      expect(keyCan(scope, "apikeys.manage")).toBe(false);
      expect(keyCan(scope, "team.manage")).toBe(false);
      expect(keyCan(scope, "settings.manage")).toBe(false);
    }
    expect(keyCan("read_write", "events.manage")).toBe(true);
    expect(keyCan("read", "events.manage")).toBe(false);
  });
});
