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
 *
 * The stream ends (timer cleared, subscription dropped) however the client goes away: the request's signal, the
 * reader's cancel — either may come while the subscription is still being made — or a write that finds the stream
 * already closed. A stream left behind would keep its subscription and throw from its timer every 15 s.
 */
export function changeStream(organizationId: string, lastEventId: string | null, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): ReadableStream<Uint8Array> {
  let closed = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    signal.removeEventListener("abort", close);
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };
  const send = (text: string) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close(); // the consumer went away without a word
    }
  };
  return new ReadableStream<Uint8Array>({
    async start(c) {
      controller = c;
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      let highest = BigInt(lastEventId && /^\d{1,19}$/.test(lastEventId) ? lastEventId : "0");
      let caughtUp = false;
      const early: Change[] = [];
      const emit = (change: Change) => {
        const id = BigInt(change.id);
        if (id <= highest) return;
        highest = id;
        send(frame(change));
      };
      const off = await changeListener.subscribe(organizationId, (change) => (caughtUp ? emit(change) : early.push(change)));
      if (closed) return off(); // the client left while the subscription was made
      unsubscribe = off;
      heartbeat = setInterval(() => send(`: keep-alive\n\n`), heartbeatMs);
      send(`retry: 3000\n\n`);
      if (lastEventId) for (const change of await changesSince(organizationId, lastEventId)) emit(change);
      caughtUp = true;
      for (const change of early) emit(change);
      send(`event: ready\ndata: {}\n\n`);
    },
    cancel() {
      close();
    },
  });
}
