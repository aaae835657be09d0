import { describe, expect, it } from "vitest";
import { escapeText, eventIcs, foldLine, icsUtc } from "./ics";

const base = {
  uid: "evt_123@eventline",
  title: "Launch party",
  startsAt: new Date("2026-06-01T08:00:00Z"),
  endsAt: new Date("2026-06-01T10:30:00Z"),
  now: new Date("2026-05-01T12:34:56.789Z"),
};
/** Undoes folding (RFC 5545 §3.1): a CRLF followed by one space or tab is removed. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
const octets = (s: string) => new TextEncoder().encode(s).length;

describe("eventIcs", () => {
  it("writes a VCALENDAR with METHOD:PUBLISH, UTC times, DTSTAMP and CRLF line endings", () => {
    const ics = eventIcs({ ...base, description: "Bring a friend", location: "Hall 1", url: "https://example.test/t/abc", organizerName: "Acme Events", organizerEmail: "events@example.test" });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split("\r\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:evt_123@eventline",
        "DTSTAMP:20260501T123456Z",
        "DTSTART:20260601T080000Z",
        "DTEND:20260601T103000Z",
        "SUMMARY:Launch party",
        "DESCRIPTION:Bring a friend",
        "LOCATION:Hall 1",
        "URL:https://example.test/t/abc",
        'ORGANIZER;CN="Acme Events":mailto:events@example.test',
        "STATUS:CONFIRMED",
        "END:VEVENT",
      ]),
    );
    expect(lines.indexOf("BEGIN:VEVENT")).toBeLessThan(lines.indexOf("SUMMARY:Launch party"));
    expect(lines.indexOf("END:VEVENT")).toBeGreaterThan(lines.indexOf("SUMMARY:Launch party"));
  });

  it("leaves out the optional fields it was not given", () => {
    const ics = eventIcs({ ...base, organizerName: "No address" });
    expect(ics).not.toMatch(/DESCRIPTION|LOCATION|URL|ORGANIZER/);
  });

  it("escapes backslash, semicolon, comma and newlines in text values", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    const ics = unfold(eventIcs({ ...base, title: "Food, drinks; fun", description: "Line one\nLine two \\ end", location: "Room 1, Floor 2" }));
    expect(ics).toContain("SUMMARY:Food\\, drinks\\; fun\r\n");
    expect(ics).toContain("DESCRIPTION:Line one\\nLine two \\\\ end\r\n");
    expect(ics).toContain("LOCATION:Room 1\\, Floor 2\r\n");
  });

  it("folds lines longer than 75 octets without splitting a UTF-8 character, and unfolds to the original", () => {
    const description = "Ünïcödé talk ✨ ".repeat(20);
    const ics = eventIcs({ ...base, description });
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(ics.split("\r\n").filter((l) => l.startsWith(" ")).length).toBeGreaterThan(3);
    expect(unfold(ics)).toContain(`DESCRIPTION:${description}\r\n`);
    expect(ics).not.toContain("\uFFFD");
  });

  it("folds at exactly 75 octets: first line 75, continuations a space plus up to 74", () => {
    const line = `X:${"a".repeat(200)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.map(octets)).toEqual([75, 75, 54]); // 202 octets: 75, then a space + 74, then a space + 53
    expect(folded.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
    // A 3-octet character that would straddle the limit moves to the next line whole.
    const straddle = foldLine(`${"a".repeat(74)}✨b`).split("\r\n");
    expect(straddle).toEqual(["a".repeat(74), " ✨b"]);
  });

  it("formats instants as UTC basic format", () => {
    expect(icsUtc(new Date("2026-12-31T23:59:59.999Z"))).toBe("20261231T235959Z");
    expect(eventIcs({ ...base, status: "CANCELLED", sequence: 3 })).toMatch(/SEQUENCE:3\r\nSTATUS:CANCELLED\r\n/);
  });
});
