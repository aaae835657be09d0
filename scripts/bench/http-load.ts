import http from "node:http";

/**
 * A small HTTP load generator. `load`: closed loop, `connections` keep-alive connections, each sending the next
 * request as soon as the previous answer arrived, for `seconds` after a warm-up. `loadAtRate`: open loop at a fixed
 * rate. Both record every latency, so percentiles are exact.
 */
export type LoadResult = {
  requests: number;
  errors: number;
  /** Answers by HTTP status; 0: no answer (then `failures` has the client's error code). */
  statuses: Record<number, number>;
  failures: Record<string, number>;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

/**
 * Keep-alive connections as a careful client keeps them. Node's agent keeps an idle connection until the server closes
 * it, so a request sent just as the server's idle timeout (Node: 5 s) fires gets ECONNRESET instead of an answer. With
 * a `timeout` of its own the agent also honours the server's `Keep-Alive: timeout=5` hint minus one second, and closes
 * idle connections first (as undici does by default).
 */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, timeout: 60_000 });
}

export async function load(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds?: number;
  /** POST this JSON body (a new one per request, e.g. a unique email) instead of GET. */
  body?: (n: number) => string;
  /** POST this body with these headers (e.g. a signed form) instead of GET. */
  request?: (n: number) => PostRequest;
  /** Statuses that count as success (default 200). */
  ok?: number[];
}): Promise<LoadResult> {
  const agent = keepAliveAgent(options.connections);
  let sent = 0;
  const failures: Record<string, number> = {};
  const once = () => send(agent, options.url, options.headers, requestOf(options, sent++), failures);

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

  return summarize(latencies, statuses, failures, elapsed, options.ok);
}

export type PostRequest = { body: string; headers: Record<string, string> };

function requestOf(options: { body?: (n: number) => string; request?: (n: number) => PostRequest }, n: number): PostRequest | undefined {
  if (options.request) return options.request(n);
  const body = options.body?.(n);
  return body === undefined ? undefined : { body, headers: { "content-type": "application/json" } };
}

function send(agent: http.Agent, target: string, base: Record<string, string> | undefined, post: PostRequest | undefined, failures: Record<string, number>): Promise<number> {
  const url = new URL(target);
  return new Promise<number>((resolve) => {
    const headers = post ? { ...base, ...post.headers, "content-length": String(Buffer.byteLength(post.body)) } : base;
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: post ? "POST" : "GET", headers, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      failures[code] = (failures[code] ?? 0) + 1;
      resolve(0);
    });
    request.end(post?.body);
  });
}

function summarize(latencies: number[], statuses: Record<number, number>, failures: Record<string, number>, elapsedSeconds: number, ok: number[] = [200]): LoadResult {
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const errors = Object.entries(statuses).filter(([s]) => !ok.includes(Number(s))).reduce((n, [, c]) => n + c, 0);
  return { requests: latencies.length, errors, statuses, failures, rps: Math.round(latencies.length / elapsedSeconds), p50: at(50), p95: at(95), p99: at(99), max: latencies[latencies.length - 1] ?? NaN };
}

/**
 * Open-loop load: requests start at a fixed `rate` per second for `seconds`, whether or not earlier ones were answered
 * (a provider delivering webhooks does not wait for us). Latency is measured from each request's scheduled start, so a
 * stalled server shows up as latency instead of being hidden by fewer requests (no coordinated omission).
 * `onAnswer` sees each request's index and status (e.g. to record which deliveries were acknowledged).
 */
export async function loadAtRate(options: {
  url: string;
  rate: number;
  seconds: number;
  /** POST this (signed form, JSON…); without it, GET. */
  request?: (n: number) => PostRequest;
  ok?: number[];
  maxSockets?: number;
  /** Keep-alive connections to reuse (e.g. opened by a warm-up at the same rate); left open. Default: a new agent. */
  agent?: http.Agent;
  onAnswer?: (n: number, status: number, scheduledAt: number) => void;
}): Promise<LoadResult> {
  const agent = options.agent ?? keepAliveAgent(options.maxSockets ?? 256);
  const failures: Record<string, number> = {};
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const pending: Promise<void>[] = [];
  const began = performance.now();
  for (let n = 0; n < total; n++) {
    const scheduled = began + n * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const post = options.request?.(n);
    pending.push(
      send(agent, options.url, undefined, post, failures).then((status) => {
        latencies.push(performance.now() - scheduled);
        statuses[status] = (statuses[status] ?? 0) + 1;
        options.onAnswer?.(n, status, scheduled);
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - began) / 1000;
  if (!options.agent) agent.destroy();
  return summarize(latencies, statuses, failures, elapsed, options.ok);
}
