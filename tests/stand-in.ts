/**
 * A local HTTP stand-in for a provider's API: records every request and answers from a script, falling back to a
 * success answer. Tests point an adapter's base URL at it: the network edge is the only thing replaced.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; raw: string };
export type ScriptedAnswer = { status: number; body: unknown; headers?: Record<string, string> };

export function createStandIn(success: (request: RecordedRequest) => ScriptedAnswer) {
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const request = { method: req.method ?? "GET", path: req.url ?? "", headers: req.headers, raw };
      requests.push(request);
      const answer = script.shift() ?? success(request);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  return {
    requests,
    script,
    url: "",
    async start() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    reset() {
      requests.length = 0;
      script.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
