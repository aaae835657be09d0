/**
 * The executor's HTTP face, on loopback only: the endpoints the Inngest SDK calls in dev mode.
 *   POST /e/:key        event intake (inngest.send / step.sendEvent) → {ids, status: 200}
 *   POST /v1/checkpoint/:runId/async  steps the SDK finished inside a running request (async checkpointing)
 *   PUT|POST /fn/register  an app announcing itself → triggers a re-sync
 *   GET /health
 */
import http from "node:http";
import type { IncomingEvent, LocalExecutor } from "./executor";
import type { Op } from "./protocol";

const MAX_BODY = 1024 * 1024;

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function validEvents(body: unknown): IncomingEvent[] | null {
  const list = Array.isArray(body) ? body : [body];
  const ok = list.every(
    (e) =>
      e && typeof e === "object" && typeof (e as IncomingEvent).name === "string" && (e as IncomingEvent).name.length > 0 &&
      ((e as IncomingEvent).data === undefined || (typeof (e as IncomingEvent).data === "object" && (e as IncomingEvent).data !== null)) &&
      ((e as IncomingEvent).id === undefined || typeof (e as IncomingEvent).id === "string"),
  );
  return ok && list.length > 0 ? (list as IncomingEvent[]) : null;
}

export function createExecutorServer(executor: LocalExecutor): http.Server {
  return http.createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? "/", "http://localhost");
    void (async () => {
      try {
        if (request.method === "POST" && /^\/e\/[^/]+$/.test(url.pathname)) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(await readBody(request));
          } catch {
            return reply(400, { error: "body must be JSON: an event or a list of events", status: 400 });
          }
          const events = validEvents(parsed);
          if (!events) return reply(400, { error: "each event needs a non-empty string `name` and an object `data`", status: 400 });
          const ids = await executor.send(events);
          return reply(200, { ids, status: 200 });
        }
        const checkpoint = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(url.pathname);
        if (request.method === "POST" && checkpoint) {
          const body = JSON.parse(await readBody(request)) as { steps?: Op[] };
          const accepted = await executor.checkpoint(decodeURIComponent(checkpoint[1]!), body.steps ?? []);
          return accepted ? reply(200, {}) : reply(409, { error: "run is not running here (stale dispatch)" });
        }
        if ((request.method === "PUT" || request.method === "POST") && url.pathname === "/fn/register") {
          await readBody(request);
          void executor.sync().catch(() => {});
          return reply(200, { ok: true });
        }
        if (request.method === "GET" && url.pathname === "/health") {
          return reply(200, { status: "ok", kind: "eventline-local-executor", functions: executor.functionIds });
        }
        return reply(404, { error: "not found" });
      } catch (error) {
        return reply(503, { error: error instanceof Error ? error.message : "unavailable", status: 503 });
      }
    })();
  });
}
