/**
 * Live updates through PostgreSQL: changes published with pg_notify reach the SSE stream of the organization's
 * members (and no one else's), a reconnect with Last-Event-ID catches up from the change log, and the route
 * authorizes on connect.
 */
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/live/route";
import { addMember, newOrganization } from "@/tests/api";
import { changeListener } from "./listener";
import { publishChange } from "./publish";
import { changeStream } from "./stream";

const open: AbortController[] = [];
afterAll(() => open.forEach((c) => c.abort()));

/** Connects like a browser's EventSource would and collects the frames it receives. */
async function connect(headers: Record<string, string>) {
  const controller = new AbortController();
  open.push(controller);
  const response = await GET(new NextRequest("http://localhost:3000/api/live", { headers, signal: controller.signal }), { params: Promise.resolve({}) });
  const frames: string[] = [];
  if (response.ok) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          frames.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    })();
  }
  const changes = () => frames.filter((f) => f.includes("event: change")).map((f) => ({ ...(JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as { topic: string; id: string }), eventId: /^id: (\d+)/m.exec(f)![1]! }));
  const until = async (predicate: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { response, frames, changes, until, close: () => controller.abort() };
}

describe("GET /api/live", () => {
  it("streams the organization's committed changes to its members, and nothing of other organizations", async () => {
    const a = await newOrganization("live-a");
    const b = await newOrganization("live-b");
    const viewer = await addMember(a.org.id, "viewer");
    const owner = await connect({ cookie: a.owner.cookie });
    const member = await connect({ cookie: viewer.cookie });
    const outsider = await connect({ cookie: b.owner.cookie });
    expect(owner.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    await owner.until(() => owner.frames.some((f) => f.startsWith("event: ready")));
    await outsider.until(() => outsider.frames.some((f) => f.startsWith("event: ready")));

    await publishChange(a.org.id, "registration", "reg_live1");
    // Published by another process (another app instance): straight through PostgreSQL.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query(`WITH c AS (INSERT INTO change_log ("organizationId", topic, "entityId") VALUES ($1, 'conversation', 'cnv_live2') RETURNING *)
      SELECT pg_notify('eventline_changes', json_build_object('id', c.id::text, 'organizationId', c."organizationId", 'topic', c.topic, 'entityId', c."entityId")::text) FROM c`, [a.org.id]);
    await other.end();

    await owner.until(() => owner.changes().length === 2);
    await member.until(() => member.changes().length === 2);
    expect(owner.changes().map((c) => [c.topic, c.id])).toEqual([["registration", "reg_live1"], ["conversation", "cnv_live2"]]);
    await publishChange(b.org.id, "event", "evt_forb");
    await outsider.until(() => outsider.changes().length === 1);
    expect(outsider.changes()[0]).toMatchObject({ topic: "event", id: "evt_forb" });
    expect(owner.changes()).toHaveLength(2);
    owner.close();
    member.close();
    outsider.close();
  });

  it("does not deliver a change whose transaction rolled back", async () => {
    const a = await newOrganization("live-rollback");
    const stream = await connect({ cookie: a.owner.cookie });
    await stream.until(() => stream.frames.some((f) => f.startsWith("event: ready")));
    const { db } = await import("@/lib/db");
    await expect(
      db.$transaction(async (tx) => {
        await publishChange(a.org.id, "registration", "reg_never", tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await publishChange(a.org.id, "registration", "reg_after");
    await stream.until(() => stream.changes().length >= 1);
    expect(stream.changes().map((c) => c.id)).toEqual(["reg_after"]);
    stream.close();
  });

  it("catches a reconnecting client up from Last-Event-ID", async () => {
    const a = await newOrganization("live-replay");
    const first = await connect({ cookie: a.owner.cookie });
    await first.until(() => first.frames.some((f) => f.startsWith("event: ready")));
    await publishChange(a.org.id, "registration", "reg_seen");
    await first.until(() => first.changes().length === 1);
    const lastSeen = first.changes()[0]!.eventId;
    first.close();

    await publishChange(a.org.id, "registration", "reg_missed1"); // while disconnected
    await publishChange(a.org.id, "event", "evt_missed2");
    const again = await connect({ cookie: a.owner.cookie, "last-event-id": lastSeen });
    await again.until(() => again.changes().length === 2);
    expect(again.changes().map((c) => c.id)).toEqual(["reg_missed1", "evt_missed2"]);
    again.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(changeListener.subscriberCount).toBe(0);
  });

  it("a client that leaves while the stream is still subscribing leaves no subscription or timer behind", async () => {
    const a = await newOrganization("live-leave");
    const before = changeListener.subscriberCount;
    // Cancelled by its reader at once (the stream's start is still waiting for the subscription), and aborted by the
    // request's signal before it began: both must end with the stream, not leave a heartbeat writing into it.
    const cancelled = changeStream(a.org.id, null, new AbortController().signal, 20);
    void cancelled.getReader().cancel();
    const aborted = new AbortController();
    aborted.abort();
    const early = changeStream(a.org.id, null, aborted.signal, 20);
    await publishChange(a.org.id, "registration", "reg_nobody");
    await new Promise((r) => setTimeout(r, 200)); // ten heartbeats' time
    expect(changeListener.subscriberCount).toBe(before);
    const { done } = await early.getReader().read();
    expect(done).toBe(true);
  });

  it("refuses a connection without a session", async () => {
    const response = (await connect({})).response;
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
