/**
 * Announcing stored deliveries to the job backend, seen from the backend's side: the app's own Inngest client points
 * at a local stand-in of the event API (the network edge), which records every request.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { inboundSms, twilioRequest } from "@/tests/webhooks";

const { token, backend } = await vi.hoisted(async () => {
  const { createStandIn } = await import("@/tests/stand-in");
  const standIn = createStandIn((request) => ({ status: 200, body: { ids: (JSON.parse(request.raw) as { id: string }[]).map((e) => e.id), status: 200 } }));
  await standIn.start();
  process.env.LOCAL_EXECUTOR_PORT = new URL(standIn.url).port;
  return { token: (await import("@/tests/twilio-env")).useTwilioTestAccount(), backend: standIn };
});

const { POST } = await import("@/app/api/webhooks/twilio/route");
const { db } = await import("@/lib/db");
const { randomToken } = await import("@/lib/ids");

afterAll(() => backend.stop());

const ctx = { params: Promise.resolve({}) };
const send = (sid: string) =>
  POST(twilioRequest(inboundSms({ sid, from: "+15550002222", to: "+14155238886", body: `burst ${sid}` }), { token, url: "https://events.example.test/api/webhooks/twilio" }), ctx);
const announced = () => backend.requests.filter((r) => r.path.startsWith("/e/")).flatMap((r) => JSON.parse(r.raw) as { id: string; name: string; data: { webhookEventId: string } }[]);

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("announcing stored deliveries", () => {
  it("announces a burst in a few requests to the job backend, every stored delivery exactly once, under its row's id", async () => {
    backend.reset();
    const sids = Array.from({ length: 40 }, () => `SM${randomToken(32)}`);
    const answers = await Promise.all([...sids, ...sids.slice(0, 5)].map(send));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const rows = await db.webhookEvent.findMany({ where: { provider: "twilio", externalId: { in: sids } }, select: { id: true } });
    expect(rows).toHaveLength(40);
    await until(() => announced().length >= 40);
    await new Promise((r) => setTimeout(r, 100)); // nothing more arrives
    const events = announced();
    expect(events.map((e) => e.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(events.every((e) => e.name === "webhook/received" && e.data.webhookEventId === e.id)).toBe(true);
    // 45 deliveries (5 of them duplicates, never announced) in at most a few requests, not one each.
    expect(backend.requests.length).toBeLessThanOrEqual(3);
  });

  it("announces a delivery arriving alone at once, without waiting for company", async () => {
    backend.reset();
    const sid = `SM${randomToken(32)}`;
    expect((await send(sid)).status).toBe(200);
    const started = Date.now();
    await until(() => announced().length === 1);
    expect(Date.now() - started).toBeLessThan(1_000);
    const row = await db.webhookEvent.findFirstOrThrow({ where: { provider: "twilio", externalId: sid } });
    expect(announced()[0]!.id).toBe(row.id);
  });
});
