import { describe, expect, it } from "vitest";
import { newId, randomToken, slugify } from "./ids";

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

describe("slugify", () => {
  it("makes a readable address part and cuts a long one at a whole word", () => {
    expect(slugify("Acme Events!", 40, "org")).toBe("acme-events");
    expect(slugify("Café Zürich — Spring", 40, "org")).toBe("cafe-zurich-spring");
    expect(slugify("Phone workshop with a really long title for testing things", 48, "event")).toBe("phone-workshop-with-a-really-long-title-for");
    // A cut that falls exactly before a dash keeps the whole last word.
    expect(slugify("abcd efgh ijkl", 9, "x")).toBe("abcd-efgh");
    // One word longer than the limit is cut where it must be; nothing usable gives the fallback.
    expect(slugify("Supercalifragilistic", 10, "x")).toBe("supercalif");
    expect(slugify("!!!", 10, "event")).toBe("event");
  });
});
