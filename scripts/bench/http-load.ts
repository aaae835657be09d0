import http from "node:http";

/**
 * A small closed-loop HTTP load generator: `connections` keep-alive connections, each sending the next request as
 * soon as the previous answer arrived, for `seconds` after a warm-up. Records every latency, so percentiles are exact.
 */
export type LoadResult = { requests: number; errors: number; statuses: Record<number, number>; rps: number; p50: number; p95: number; p99: number; max: number };

export async function load(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds?: number;
  /** POST this body (a new one per request, e.g. a unique email) instead of GET. */
  body?: (n: number) => string;
  /** Statuses that count as success (default 200). */
  ok?: number[];
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(options.url);
  let sent = 0;
  const once = () =>
    new Promise<number>((resolve) => {
      const body = options.body?.(sent++);
      const headers = body === undefined ? options.headers : { ...options.headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: body === undefined ? "GET" : "POST", headers, agent }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", () => resolve(0));
      request.end(body);
    });

  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let measuring = false;
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const started = performance.now();
      const status = await once();
      if (measuring) {
        latencies.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }
  };
  const loops = Array.from({ length: options.connections }, loop);
  await new Promise((r) => setTimeout(r, (options.warmupSeconds ?? 2) * 1000));
  measuring = true;
  const began = performance.now();
  await new Promise((r) => setTimeout(r, options.seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - began) / 1000;
  stop = true;
  await Promise.all(loops);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const ok = options.ok ?? [200];
  const errors = Object.entries(statuses).filter(([s]) => !ok.includes(Number(s))).reduce((n, [, c]) => n + c, 0);
  return { requests: latencies.length, errors, statuses, rps: Math.round(latencies.length / elapsed), p50: at(50), p95: at(95), p99: at(99), max: latencies[latencies.length - 1] ?? NaN };
}
