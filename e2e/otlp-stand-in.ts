/**
 * Playwright global set-up: a stand-in for an OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1:OTLP_PORT.
 * It accepts `POST /v1/traces` (any encoding; the SDK's default is protobuf) and keeps the bodies, and answers
 * `GET /received` with them (base64), so a journey can look for its request's spans. Nothing is decoded here: a span's
 * strings (service name, route, URL) appear verbatim in either encoding.
 */
import http from "node:http";
import { OTLP_PORT } from "./settings";

export default async function startOtlpStandIn() {
  const received: { path: string; contentType: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/received") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/v1/")) {
        res.writeHead(404).end();
        return;
      }
      received.push({ path: req.url, contentType: req.headers["content-type"] ?? "", body: Buffer.concat(chunks).toString("base64") });
      // An empty ExportTraceServiceResponse: an empty protobuf message, or `{}` in JSON.
      const json = (req.headers["content-type"] ?? "").includes("json");
      res.writeHead(200, { "content-type": json ? "application/json" : "application/x-protobuf" }).end(json ? "{}" : "");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(OTLP_PORT, "127.0.0.1", resolve);
  });
  return async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}
