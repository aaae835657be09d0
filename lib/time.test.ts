import { describe, expect, it } from "vitest";
import { offsetMinutes, utcToZonedInput, zonedToUtc } from "./time";

describe("time zones", () => {
  it("turns wall-clock times in a zone into instants, across daylight saving time", () => {
    expect(zonedToUtc("2026-06-01T09:00", "Europe/Berlin").toISOString()).toBe("2026-06-01T07:00:00.000Z");
    expect(zonedToUtc("2026-12-01T09:00", "Europe/Berlin").toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(zonedToUtc("2026-03-08T12:30", "America/New_York").toISOString()).toBe("2026-03-08T16:30:00.000Z");
    expect(zonedToUtc("2026-06-01T09:00", "UTC").toISOString()).toBe("2026-06-01T09:00:00.000Z");
    expect(zonedToUtc("2026-06-01T09:00", "Asia/Kolkata").toISOString()).toBe("2026-06-01T03:30:00.000Z");
    expect(() => zonedToUtc("tomorrow", "UTC")).toThrow(RangeError);
  });

  it("round-trips through the form value, and knows the offsets", () => {
    const at = new Date("2026-10-25T00:30:00Z"); // the night Berlin leaves summer time
    expect(offsetMinutes("Europe/Berlin", at)).toBe(120);
    expect(offsetMinutes("Europe/Berlin", new Date("2026-10-25T01:30:00Z"))).toBe(60);
    expect(utcToZonedInput(new Date("2026-06-01T07:00:00Z"), "Europe/Berlin")).toBe("2026-06-01T09:00");
    expect(zonedToUtc(utcToZonedInput(new Date("2026-01-15T17:45:00Z"), "America/Los_Angeles"), "America/Los_Angeles").toISOString()).toBe("2026-01-15T17:45:00.000Z");
  });
});
