import "server-only";
import { changeListener } from "./listener";
import { changesSince, type Change } from "./publish";

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();
const frame = (change: Change) => `id: ${change.id}\nevent: change\ndata: ${JSON.stringify({ topic: change.topic, id: change.entityId })}\n\n`;

/**
 * An organization's changes as Server-Sent Events: first whatever happened after `lastEventId` (a reconnect), then
 * live changes as they are committed, with a comment line every 15 s so proxies keep the connection open. The
 * subscription is made before the catch-up query and de-duplicated by id, so nothing falls between the two.
 */
export function changeStream(organizationId: string, lastEventId: string | null, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let highest = BigInt(lastEventId && /^\d{1,19}$/.test(lastEventId) ? lastEventId : "0");
      let caughtUp = false;
      const early: Change[] = [];
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const emit = (change: Change) => {
        const id = BigInt(change.id);
        if (id <= highest) return;
        highest = id;
        send(frame(change));
      };
      const unsubscribe = await changeListener.subscribe(organizationId, (change) => (caughtUp ? emit(change) : early.push(change)));
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      send(`retry: 3000\n\n`);
      if (lastEventId) for (const change of await changesSince(organizationId, lastEventId)) emit(change);
      caughtUp = true;
      for (const change of early) emit(change);
      send(`event: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}
