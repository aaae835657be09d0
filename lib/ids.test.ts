import { describe, expect, it } from "vitest";
import { newId, randomToken } from "./ids";

describe("ids", () => {
  it("makes prefixed base62 ids of fixed length", () => {
    expect(newId("evt")).toMatch(/^evt_[0-9A-Za-z]{22}$/);
    expect(randomToken(40)).toMatch(/^[0-9A-Za-z]{40}$/);
  });

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId("reg")));
    expect(ids.size).toBe(5000);
  });
});
