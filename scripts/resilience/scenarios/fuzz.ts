/**
 * Scenario 5: at least 5,000 malformed requests generated from the OpenAPI document (with a valid API key, so
 * validation is reached) and against the four webhook routes. No answer may be a 5xx, the server must not crash
 * (same Next.js process, ready at the end), and its resident memory must stay roughly flat: the cases run twice, and
 * the second pass may grow the resident memory by less than MEMORY_BOUND_MB.
 */
import http from "node:http";
import { base, check, counts, rssMb, sleep } from "../harness";
import { type Context, api, publishedEvent, register } from "../context";
import { apiCases, type FuzzCase, type OpenApi, webhookCases } from "../fuzz-cases";

const MIN_CASES = 5_000;
const WEBHOOK_CASES = Number(process.env.RESILIENCE_FUZZ_WEBHOOKS ?? 800);
const CONNECTIONS = 12;
export const MEMORY_BOUND_MB = 150;

function send(agent: http.Agent, c: FuzzCase): Promise<{ status: number; body: string }> {
  const url = new URL(`${base}${c.path}`);
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.body !== undefined) headers["content-length"] = String(Buffer.byteLength(c.body));
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: c.method, headers, agent, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.length < 4 && chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, 400) }));
      response.on("error", () => resolve({ status: 0, body: "response error" }));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ status: 0, body: String(error) }));
    request.end(c.body);
  });
}

/** The Next.js process's own view of its memory, from the Prometheus metrics (prom-client's default Node.js metrics). */
async function heapMb(token: string): Promise<{ used: number; total: number; external: number }> {
  const text = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text(), () => "");
  const value = (name: string) => Number(new RegExp(`^eventline_process_${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, "m").exec(text)?.[1] ?? NaN) / 1024 / 1024;
  return { used: value("nodejs_heap_size_used_bytes"), total: value("nodejs_heap_size_total_bytes"), external: value("nodejs_external_memory_bytes") };
}

export async function fuzz(ctx: Context) {
  const nextPid = ctx.app.nextPid();
  if (!nextPid) throw new Error("no Next.js process under the launcher");
  const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as OpenApi;
  const eventId = await publishedEvent(ctx, "Resilience fuzz day");
  const [person] = await register(ctx, eventId, `fuzz-${Date.now()}`, 1);
  const conversation = (await api<{ data: { id: string }[] }>(ctx, "GET", "/api/v1/conversations?limit=1")).data.data?.[0]?.id;
  const realIds: Record<string, string> = { eventId, registrationId: person!.id, ...(conversation ? { conversationId: conversation } : {}) };

  const fromApi = apiCases(doc, ctx.apiKey, realIds);
  const fromWebhooks = webhookCases({ twilio: ctx.twilioToken, ...ctx.secrets }, base, WEBHOOK_CASES);
  // Interleave deterministically so webhook and API cases run side by side.
  const cases: FuzzCase[] = [];
  for (let i = 0, j = 0; i < fromApi.length || j < fromWebhooks.length; ) {
    if (i < fromApi.length) cases.push(fromApi[i++]!);
    if ((i % 4 === 0 || i >= fromApi.length) && j < fromWebhooks.length) cases.push(fromWebhooks[j++]!);
  }
  const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  console.log(`  ${cases.length} cases: ${fromApi.length} from ${operations} operations of the OpenAPI document, ${fromWebhooks.length} against the webhook routes`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const statuses: Record<string, number> = {};
  const serverErrors: { c: FuzzCase; status: number; body: string }[] = [];
  const rss: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        rss.push(rssMb(nextPid));
      } catch {
        rss.push(NaN); // the process is gone
      }
      await sleep(500);
    }
  })();
  const settledRss = async () => {
    await sleep(3_000); // let the last answers' garbage be collected in the normal course
    const heap = await heapMb(ctx.metricsToken);
    try {
      const mb = rssMb(nextPid);
      console.log(`    RSS ${mb.toFixed(0)} MB; V8 heap used ${heap.used.toFixed(0)} MB of ${heap.total.toFixed(0)} MB, external ${heap.external.toFixed(0)} MB`);
      return mb;
    } catch {
      return NaN; // crashed
    }
  };
  const pass = async () => {
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          const { status, body } = await send(agent, c);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 500 || status === 0) serverErrors.push({ c, status, body });
        }
      }),
    );
    return (Date.now() - started) / 1000;
  };
  // Memory: the first pass is the warm-up (V8 grows its heap to a working size lazily); the same cases again must
  // not grow it further by more than the bound. A leak (something kept per request) grows with every pass.
  const startRss = rssMb(nextPid);
  const firstSeconds = await pass();
  const afterFirst = await settledRss();
  const secondSeconds = await pass();
  let afterSecond = await settledRss();
  for (let extra = 2; extra < Number(process.env.RESILIENCE_FUZZ_PASSES ?? 2); extra++) {
    await pass();
    afterSecond = await settledRss();
  }
  agent.destroy();
  sampling = false;
  await sampler;
  const peak = Math.max(...rss.filter((n) => !Number.isNaN(n)));
  const ready = await fetch(`${base}/api/health/ready`).then((r) => r.status, () => 0);
  const growth = afterSecond - afterFirst;

  counts("requests", { total: cases.length * 2, "per pass": cases.length, "per second": Math.round((cases.length * 2) / (firstSeconds + secondSeconds)), "first pass s": firstSeconds.toFixed(1), "second pass s": secondSeconds.toFixed(1) });
  counts("answers", statuses);
  counts("Next.js RSS (MB)", { before: startRss.toFixed(0), "after pass 1 (warm-up)": afterFirst.toFixed(0), "after pass 2": afterSecond.toFixed(0), peak: peak.toFixed(0), "growth in pass 2": growth.toFixed(0) });
  const seen = new Set<string>();
  for (const e of serverErrors) {
    const kind = e.c.label.replace(/:.*/, "");
    if (seen.has(kind) || seen.size >= 15) continue;
    seen.add(kind);
    console.log(`    ${e.status} ← ${e.c.label} (${e.c.method} ${e.c.path.slice(0, 120)}): ${e.body.slice(0, 200)}`);
  }

  check(`at least ${MIN_CASES} malformed requests (per pass)`, cases.length >= MIN_CASES, `${cases.length}`);
  check("no 5xx and no dropped connection", serverErrors.length === 0, `${serverErrors.length} (${[...new Set(serverErrors.map((e) => e.c.label.replace(/:.*/, "")))].slice(0, 8).join("; ")})`);
  check("no crash: the same Next.js process, ready afterwards", ctx.app.nextPid() === nextPid && ready === 200, `pid ${nextPid} → ${ctx.app.nextPid()}, ready ${ready}`);
  check(`memory flat: RSS growth over the second pass < ${MEMORY_BOUND_MB} MB`, growth < MEMORY_BOUND_MB, `${afterFirst.toFixed(0)} → ${afterSecond.toFixed(0)} MB (peak ${peak.toFixed(0)} MB)`);
}
