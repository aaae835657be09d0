import { describe, expect, it } from "vitest";
import { formatInZone, offsetMinutes, TIME_ZONES, timeZoneSchema, utcToZonedInput, zonedToUtc } from "./time";
import { currentZoneName, timeZoneOptions } from "./time-zones";

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

describe("the time-zone list", () => {
  it("lists current IANA names (not the ones ICU kept), sorted after UTC, and accepts both old and new names", () => {
    expect(TIME_ZONES[0]).toBe("UTC");
    expect(TIME_ZONES).toEqual(expect.arrayContaining(["Asia/Kolkata", "Europe/Kyiv", "America/Nuuk", "America/Argentina/Buenos_Aires"]));
    for (const old of ["Asia/Calcutta", "Europe/Kiev", "America/Godthab", "Asia/Saigon"]) expect(TIME_ZONES).not.toContain(old);
    expect(TIME_ZONES.slice(1)).toEqual([...TIME_ZONES.slice(1)].sort());
    expect(new Set(TIME_ZONES).size).toBe(TIME_ZONES.length);
    // An organization that stored the old name keeps a valid zone, shown under the new one.
    expect(timeZoneSchema.safeParse("Asia/Calcutta").success).toBe(true);
    expect(timeZoneSchema.safeParse("Asia/Kolkata").success).toBe(true);
    expect(timeZoneSchema.safeParse("Mars/Olympus_Mons").success).toBe(false);
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/Berlin")).toBe("Europe/Berlin");
    // The new names format exactly as the old ones (IST, +05:30).
    const at = new Date("2026-06-01T00:00:00Z");
    expect(formatInZone(at, "Asia/Kolkata", { timeStyle: "short" })).toBe("05:30");
    expect(timeZoneOptions(["America/Argentina/Buenos_Aires"])).toEqual([{ value: "America/Argentina/Buenos_Aires", label: "America/Argentina/Buenos Aires" }]);
  });
});
