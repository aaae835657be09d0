import { createServer } from "node:http";
import { describe, expect, it } from "vitest";

// A stand-in of the job backend's event intake (POST /e/:key → {ids, status}), recording how many events each request
// carried. Started before the app's modules are imported, so lib/env reads this port.
const received: number[] = [];
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    const events = JSON.parse(body) as { id?: string }[];
    received.push(events.length);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ ids: events.map((event, i) => event.id ?? `generated-${i}`), status: 200 }));
  });
});
await new Promise<void>((resolve) => server.listen(54398, "127.0.0.1", resolve));
process.env.LOCAL_EXECUTOR_PORT = "54398";

const { demoPipelineRequested } = await import("./events");
const { sendEvents } = await import("./send");

describe("sendEvents", () => {
  it("sends a backlog in requests of at most 500 events, and returns every id in order", async () => {
    const items = Array.from({ length: 1_001 }, (_, i) => ({ data: { label: `item ${i}` }, id: `backlog-${i}` }));
    const ids = await sendEvents(demoPipelineRequested, items);
    expect(received).toEqual([500, 500, 1]);
    expect(ids).toEqual(items.map((item) => item.id));
  });

  it("sends nothing for nothing", async () => {
    received.length = 0;
    expect(await sendEvents(demoPipelineRequested, [])).toEqual([]);
    expect(received).toEqual([]);
    server.close();
  });
});
