import { createServer } from "node:net";
import { describe, expect, it } from "vitest";

// A job backend that accepts connections and drops them, counting how often it was tried. Set up before the app's
// modules are imported, so lib/env reads this port.
const state = { connections: 0 };
const server = createServer((socket) => {
  state.connections++;
  socket.destroy();
});
await new Promise<void>((resolve) => server.listen(54399, "127.0.0.1", resolve));
process.env.LOCAL_EXECUTOR_PORT = "54399";

const { demoPipelineRequested } = await import("./events");
const { sendEvent } = await import("./send");

describe("sendEvent's breaker", () => {
  it("after a failed send, fails the next sends without contacting the backend", async () => {
    await expect(sendEvent(demoPipelineRequested, { label: "first" })).rejects.toMatchObject({ code: "jobs_unavailable" });
    const tried = state.connections;
    expect(tried).toBeGreaterThan(0);
    await expect(sendEvent(demoPipelineRequested, { label: "second" })).rejects.toMatchObject({ code: "jobs_unavailable", status: 503 });
    await expect(sendEvent(demoPipelineRequested, { label: "third" })).rejects.toMatchObject({ code: "jobs_unavailable" });
    expect(state.connections).toBe(tried);
    server.close();
  });
});
