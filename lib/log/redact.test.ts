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

describe("redact: what reaches logs by other routes", () => {
  it("scrubs URL-encoded emails and phone numbers in query strings", () => {
    expect(scrubString("GET /api/v1/events/evt_1/registrations?search=ada%40example.com&limit=50")).toBe("GET /api/v1/events/evt_1/registrations?search=[email]&limit=50");
    expect(scrubString("/x?email=Ada.Lovelace%2Btag%40Example.COM")).toBe("/x?email=[email]");
    expect(scrubString("/x?from=%2B15550100777&to=whatsapp%3A%2B44%207700%20900123")).toBe("/x?from=[phone]&to=whatsapp%3A[phone]");
  });

  it("scrubs session tokens, ticket tokens and base64 blobs, but not ids, request ids or hashes", () => {
    expect(scrubString("cookie eventline_session=Qm9yZWQtYnV0LWhvbmVzdC10b2tlbi0xMjM0NTY3ODk")).toBe("cookie eventline_session=[token]");
    expect(scrubString("GET /t/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z/event.ics")).toBe("GET /t/[token]/event.ics");
    const readable =
      "evt_1a2B3c4D5e6F7g8H9i0J1k req_ba1a4d8d296242649d2f1165177c2477 sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 " +
      "user_29w83sxmDNGwOuEthce5gg56FcC SM0123456789abcdef0123456789abcdef";
    expect(scrubString(readable)).toBe(readable);
  });

  it("scrubs Prisma and driver errors that echo their input", () => {
    const prisma = new Error('Invalid `prisma.registration.create()` invocation:\n{ data: { email: "ada@example.com", phone: "+15550100777", ticketToken: "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe" } }');
    const out = redact({ err: prisma }) as { err: { message: string; stack: string } };
    expect(out.err.message).not.toMatch(/ada@|5550100777|Zx9Yw8Vu7/);
    expect(out.err.stack).not.toMatch(/ada@|5550100777|Zx9Yw8Vu7/);
    // A pg error's `detail` ("Key (email)=(…) already exists") is not copied at all: only type, message and stack are.
    const pg = Object.assign(new Error("duplicate key value violates unique constraint"), { detail: "Key (email)=(ada@example.com) already exists." });
    expect(JSON.stringify(redact(pg))).not.toContain("ada@");
  });
});
