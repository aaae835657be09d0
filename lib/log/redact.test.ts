import { describe, expect, it } from "vitest";
import { redact, scrubString } from "./redact";

describe("redact", () => {
  it("scrubs emails, phone numbers and tokens inside free text", () => {
    const out = scrubString(
      "ada@example.com texted from whatsapp:+44 7700 900123 with Bearer abc.def.ghi and key evl_live_7Hq2ZxY9pQ",
    );
    expect(out).toBe("[email] texted from whatsapp:[phone] with Bearer [redacted] and key evl_[redacted]");
  });

  it("keeps dates, ids and plain numbers readable", () => {
    const line = "event evt_abc starts 2026-11-22T12:00:00Z, 250 seats, took 12 ms";
    expect(scrubString(line)).toBe(line);
  });

  it("replaces secret-named and personal fields whole, recursively", () => {
    const out = redact({
      headers: { authorization: "Basic Zm9vOmJhcg==", cookie: "session=abc", "user-agent": "curl" },
      user: { email: "x@y.io", name: "Ada" },
      message: { body: "my seat is 12B", channel: "sms" },
      password: "hunter2",
      nested: [{ apiKey: "k" }],
    });
    expect(out).toEqual({
      headers: { authorization: "[redacted]", cookie: "[redacted]", "user-agent": "curl" },
      user: { email: "[email]", name: "Ada" },
      message: { body: "[redacted]", channel: "sms" },
      password: "[redacted]",
      nested: [{ apiKey: "[redacted]" }],
    });
  });

  it("turns errors into plain objects with scrubbed messages", () => {
    const out = redact(new Error("no user ada@example.com")) as { message: string; type: string };
    expect(out.type).toBe("Error");
    expect(out.message).toBe("no user [email]");
  });
});
