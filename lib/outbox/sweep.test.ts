import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/service";
import { queueMessage } from "@/lib/messaging/service";
import { sweepOutbox } from "./sweep";

const down = () => Promise.reject(new Error("fetch failed"));

describe("outbox", () => {
  it("keeps what was queued while the job backend was down, and the sweeper hands it over again", async () => {
    const email = await queueEmail({ to: "eve@example.test", template: "notice", props: { heading: "Hi", paragraphs: ["x"] }, idempotencyKey: "down:1" }, down);
    const message = await queueMessage({ channel: "sms", to: "+15005550009", body: "hi", idempotencyKey: "down:2" }, down);
    expect(email.status).toBe("queued");
    expect(message.status).toBe("queued");

    // A delivered email is never swept.
    const done = await queueEmail({ to: "fay@example.test", template: "notice", props: { heading: "Hi", paragraphs: ["y"] }, idempotencyKey: "done:1" }, () => Promise.resolve());
    await db.emailMessage.update({ where: { id: done.id }, data: { status: "sent", attempts: 1 } });

    const handed: string[][] = [];
    const record = (ids: string[]) => Promise.resolve(void handed.push(ids));
    expect(await sweepOutbox(60_000, { email: record, message: record })).toEqual({ emails: 0, messages: 0 }); // too recent
    expect(handed).toEqual([]); // nothing to hand over: no request at all
    expect(await sweepOutbox(0, { email: record, message: record })).toEqual({ emails: 1, messages: 1 });
    expect(handed.sort()).toEqual([[email.id], [message.id]].sort());
  });
});
