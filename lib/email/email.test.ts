/**
 * The email channel against a local stand-in of Resend's documented API (POST /emails), through the official SDK;
 * the job runs on the local executor; rows in the real test database.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSendEmail } from "@/inngest/functions/send-email";
import { db } from "@/lib/db";
import { startHarness, until } from "@/tests/executor-harness";
import { createStandIn } from "@/tests/stand-in";
import { newOrganization } from "@/tests/api";
import { listMailbox, mailboxAttachment } from "./mailbox";
import { sendWithResend } from "./resend-adapter";
import { deliverEmail, queueEmail, type EmailTransport } from "./service";

let sent = 0;
const standIn = createStandIn(() => ({ status: 200, body: { id: `re_email_${++sent}` } }));
const { requests, script } = standIn;
const body = (i: number) => JSON.parse(requests[i]!.raw) as Record<string, unknown>;

let baseUrl = "";
const resend = (): EmailTransport => ({ kind: "resend", config: { apiKey: "re_test_key_123", baseUrl } });
const email = { from: "Eventline <events@example.test>", to: "ada@example.test", subject: "Hi", html: "<p>Hi</p>", text: "Hi" };
const noSend = () => Promise.resolve();

beforeAll(async () => {
  await standIn.start();
  baseUrl = standIn.url;
});
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

describe("Resend adapter (contract with the stand-in)", () => {
  it("sends the email with the API key and the idempotency key, and returns Resend's id", async () => {
    const result = await sendWithResend({ apiKey: "re_test_key_123", baseUrl }, email, "email-eml_1");
    expect(result).toEqual({ kind: "sent", providerId: expect.stringMatching(/^re_email_/) as string });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toBe("/emails");
    expect(requests[0]!.headers.authorization).toBe("Bearer re_test_key_123");
    expect(requests[0]!.headers["idempotency-key"]).toBe("email-eml_1");
    expect(body(0)).toMatchObject({ from: email.from, to: email.to, subject: "Hi", html: "<p>Hi</p>", text: "Hi" });
  });

  it("sends attachments as Resend documents them: filename, base64 content, content_type", async () => {
    const ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    const content = Buffer.from(ics).toString("base64");
    await sendWithResend({ apiKey: "re_test_key_123", baseUrl }, { ...email, attachments: [{ filename: "event.ics", contentType: "text/calendar; charset=utf-8", content }] }, "att-1");
    expect(body(0).attachments).toEqual([{ filename: "event.ics", content, content_type: "text/calendar; charset=utf-8" }]);
    // No attachments: the field is left out.
    await sendWithResend({ apiKey: "re_test_key_123", baseUrl }, email, "att-2");
    expect(body(1)).not.toHaveProperty("attachments");
  });

  it("classifies 429 (with retry-after), 5xx, other 4xx and network failures", async () => {
    script.push(
      { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "7" } },
      { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } },
      { status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field" } },
    );
    const config = { apiKey: "re_test_key_123", baseUrl };
    expect(await sendWithResend(config, email, "k1")).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 7 });
    expect(await sendWithResend(config, email, "k2")).toMatchObject({ kind: "retriable" });
    expect(await sendWithResend(config, email, "k3")).toMatchObject({ kind: "permanent", message: expect.stringContaining("Invalid `to` field") as string });
    expect(await sendWithResend({ ...config, baseUrl: "http://127.0.0.1:9" }, email, "k4")).toMatchObject({ kind: "retriable" });
  });
  it("classifies by Resend's error name where the SDK hides the HTTP status, and reads an HTTP-date retry-after", async () => {
    script.push(
      { status: 429, body: { name: "rate_limit_exceeded", message: "Too many requests" } }, // no statusCode in the body
      { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Slow down" }, headers: { "retry-after": new Date(Date.now() + 30_000).toUTCString() } },
      { status: 429, body: { statusCode: 429, name: "daily_quota_exceeded", message: "Daily quota reached" } },
      { status: 409, body: { statusCode: 409, name: "concurrent_idempotent_requests", message: "Same key in flight" } },
      { status: 409, body: { statusCode: 409, name: "invalid_idempotent_request", message: "Same key, different payload" } },
    );
    const config = { apiKey: "re_test_key_123", baseUrl };
    expect(await sendWithResend(config, email, "n1")).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 1 });
    const dated = await sendWithResend(config, email, "n2");
    expect(dated.kind === "rate-limited" && dated.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(await sendWithResend(config, email, "n3")).toMatchObject({ kind: "permanent", message: expect.stringContaining("daily_quota_exceeded") as string });
    expect(await sendWithResend(config, email, "n4")).toMatchObject({ kind: "retriable" });
    expect(await sendWithResend(config, email, "n5")).toMatchObject({ kind: "permanent" });
  });

  it("gives up on a Resend that never answers, as a retriable failure", async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      expect(await sendWithResend({ apiKey: "re_test_key_123", baseUrl: url, timeoutMs: 200 }, email, "t1")).toMatchObject({ kind: "retriable" });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("email service", () => {
  it("queues once per idempotency key, rendering the template", async () => {
    const events: string[] = [];
    const record = (id: string) => Promise.resolve(void events.push(id));
    const input = { to: "bob@example.test", template: "notice" as const, props: { heading: "Welcome", paragraphs: ["See you there."] }, idempotencyKey: "welcome:bob" };
    const first = await queueEmail(input, record);
    const second = await queueEmail(input, record);
    expect(second.id).toBe(first.id);
    expect(events).toEqual([first.id]);
    expect(first).toMatchObject({ status: "queued", subject: "Welcome", template: "notice" });
    expect(first.html).toContain("See you there.");
    expect(first.text).toContain("See you there.");
    expect(await db.emailMessage.count({ where: { idempotencyKey: "welcome:bob" } })).toBe(1);
  });

  it("stores attachments with the row, delivers them through Resend, and lists only their names and sizes", async () => {
    const { caller } = await newOrganization("attach");
    const queued = await queueEmail(
      { organizationId: caller.organizationId, to: "ivy@example.test", template: "notice", props: { heading: "Invite", paragraphs: ["x"] }, idempotencyKey: "att:ivy", attachments: [{ filename: "event.ics", contentType: "text/calendar; charset=utf-8", content: "BEGIN:VCALENDAR\r\nÜ\r\n" }] },
      noSend,
    );
    expect(queued.attachments).toEqual([{ filename: "event.ics", contentType: "text/calendar; charset=utf-8", size: 21, content: Buffer.from("BEGIN:VCALENDAR\r\nÜ\r\n").toString("base64") }]);
    await deliverEmail(queued.id, `email-${queued.id}`, resend());
    expect(body(0).attachments).toEqual([{ filename: "event.ics", content: Buffer.from("BEGIN:VCALENDAR\r\nÜ\r\n").toString("base64"), content_type: "text/calendar; charset=utf-8" }]);

    const { data } = await listMailbox(caller, { to: "ivy@example.test" });
    expect(data[0]!.attachments).toEqual([{ filename: "event.ics", contentType: "text/calendar; charset=utf-8", size: 21 }]);
    const file = await mailboxAttachment(caller, queued.id, 0);
    expect(file.bytes.toString("utf8")).toBe("BEGIN:VCALENDAR\r\nÜ\r\n");
    await expect(mailboxAttachment(caller, queued.id, 1)).rejects.toMatchObject({ status: 404 });
    // Another organization's member cannot fetch it, nor can a role without attendees.read.
    const other = await newOrganization("other-attach");
    await expect(mailboxAttachment(other.caller, queued.id, 0)).rejects.toMatchObject({ status: 404 });
    await expect(listMailbox(other.caller, { to: "ivy@example.test" })).resolves.toMatchObject({ data: [] });
  });

  it("refuses attachment names that could break a header, and oversized files", async () => {
    const base = { to: "x@example.test", template: "notice" as const, props: { heading: "Hi", paragraphs: ["x"] } };
    await expect(queueEmail({ ...base, idempotencyKey: "att:bad", attachments: [{ filename: 'a"b.ics', contentType: "text/calendar", content: "x" }] }, noSend)).rejects.toThrow();
    await expect(queueEmail({ ...base, idempotencyKey: "att:big", attachments: [{ filename: "big.bin", contentType: "application/octet-stream", content: new Uint8Array(300 * 1024) }] }, noSend)).rejects.toThrow(/limit/);
    expect(await db.emailMessage.count({ where: { idempotencyKey: { in: ["att:bad", "att:big"] } } })).toBe(0);
  });

  it("rejects props the template does not accept", async () => {
    await expect(
      queueEmail({ to: "x@example.test", template: "notice", props: { heading: "", paragraphs: [] }, idempotencyKey: "bad" }, noSend),
    ).rejects.toThrow();
  });

  it("captures when no provider is configured, and never delivers a finished email again", async () => {
    const queued = await queueEmail({ to: "c@example.test", template: "notice", props: { heading: "Hello", paragraphs: ["x"] }, idempotencyKey: "cap:1" }, noSend);
    expect((await deliverEmail(queued.id, "k", { kind: "captured" })).status).toBe("captured");
    expect((await deliverEmail(queued.id, "k", resend())).status).toBe("captured");
    expect(requests).toHaveLength(0);
  });
});

describe("send-email job on the local executor", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness("mail", (inngest) => [createSendEmail(inngest, resend)]);
  });
  afterAll(() => h.stop());

  it("retries 500 twice, then delivers exactly once and ends sent", async () => {
    script.push({ status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } }, { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom again" } });
    const queued = await queueEmail(
      { to: "dee@example.test", template: "notice", props: { heading: "Your ticket", paragraphs: ["Row 3"] }, idempotencyKey: "ticket:dee" },
      (emailId) => h.inngest.send({ id: `email-${emailId}`, name: "email/send.requested", data: { emailId } }),
    );
    await h.waitForRun("send-email", `email-${queued.id}`);
    const row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(3);
    expect(row.providerId).toMatch(/^re_email_/);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`email-${queued.id}`]));
  });

  it("waits for Resend's retry-after on a 429, then sends", async () => {
    script.push({ status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "1" } });
    const started = Date.now();
    const queued = await queueEmail(
      { to: "gus@example.test", template: "notice", props: { heading: "Later", paragraphs: ["x"] }, idempotencyKey: "slow:1" },
      (emailId) => h.inngest.send({ id: `email-${emailId}`, name: "email/send.requested", data: { emailId } }),
    );
    await h.waitForRun("send-email", `email-${queued.id}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "sent", attempts: 2 });
    expect(requests).toHaveLength(2);
  });

  it("ends failed with the last error once every retry failed", async () => {
    for (let i = 1; i <= 6; i++) script.push({ status: 500, body: { statusCode: 500, name: "internal_server_error", message: `boom ${i}` } });
    const queued = await queueEmail(
      { to: "hal@example.test", template: "notice", props: { heading: "Never", paragraphs: ["x"] }, idempotencyKey: "down:1" },
      (emailId) => h.inngest.send({ id: `email-${emailId}`, name: "email/send.requested", data: { emailId } }),
    );
    expect((await h.waitForRun("send-email", `email-${queued.id}`)).status).toBe("failed");
    let row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    await until(async () => (row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).status === "failed");
    expect(row).toMatchObject({ status: "failed", attempts: 6 });
    expect(row.lastError).toContain("boom 6");
    expect(requests).toHaveLength(6);
  });

  it("fails at once on a permanent error and records why", async () => {
    script.push({ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field" } });
    const queued = await queueEmail(
      { to: "not-an-address", template: "notice", props: { heading: "Oops", paragraphs: ["x"] }, idempotencyKey: "bad:1" },
      (emailId) => h.inngest.send({ id: `email-${emailId}`, name: "email/send.requested", data: { emailId } }),
    );
    const run = await h.waitForRun("send-email", `email-${queued.id}`);
    expect(run.status).toBe("failed");
    let row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
    await until(async () => (row = await db.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).status === "failed");
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("Invalid `to` field");
    expect(requests).toHaveLength(1);
  });
});
