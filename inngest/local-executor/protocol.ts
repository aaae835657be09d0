/**
 * The Inngest wire protocol as the local executor speaks it to an app's serve handler (spec: inngest/inngest
 * docs/SDK_SPEC.md). Everything protocol-shaped lives here; the executor only sees `Outcome`s.
 *
 *  sync:  PUT  <app>/api/inngest   x-inngest-sync-kind: in_band, body {url}  → 200 {functions: [...]}
 *  call:  POST <app>/api/inngest?fnId=<id>&stepId=<step|hashed id>  body {event, events, steps, ctx, version}
 *  reply: 200 → run finished with the body as output
 *         206 → a list of ops (StepRun, StepError, StepFailed, StepPlanned, Sleep, WaitForEvent, RunComplete)
 *         500 + x-inngest-no-retry: false → retriable error; 400 + no-retry: true → final error
 */

export type StepMemo = { data: unknown } | { error: unknown };

export type FunctionConfig = {
  id: string;
  name?: string;
  triggers: ({ event: string; expression?: string } | { cron: string })[];
  steps: Record<string, { retries?: { attempts?: number }; runtime?: { url?: string } }>;
  throttle?: { limit: number; period: string; key?: string };
  /** Inngest's run priority: an expression giving seconds (-600…600) by which a new run jumps ahead in its queue. */
  priority?: { run?: string };
  concurrency?: unknown;
};

export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
};

export type CallRequest = {
  appUrl: string;
  functionId: string;
  stepId: string;
  event: unknown;
  events: unknown[];
  steps: Record<string, StepMemo>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  /** Let the SDK run several steps in one request, checkpointing each to POST /v1/checkpoint/:runId/async. */
  checkpointing: boolean;
};

export type Outcome =
  | { kind: "complete"; output: unknown }
  | { kind: "ops"; ops: Op[]; noRetry: boolean | undefined; retryAfter: string | undefined }
  | { kind: "error"; retriable: boolean; error: unknown; retryAfter: string | undefined }
  | { kind: "unreachable"; error: string };

const DEFAULT_RETRIES = 4;

export function maxAttemptsOf(config: FunctionConfig): number {
  const retries = Object.values(config.steps ?? {})[0]?.retries?.attempts;
  return (typeof retries === "number" ? retries : DEFAULT_RETRIES) + 1;
}

export async function syncApp(appUrl: string, timeoutMs = 30_000): Promise<FunctionConfig[]> {
  const response = await fetch(appUrl, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    body: JSON.stringify({ url: appUrl }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`app sync failed: HTTP ${response.status}`);
  const body = (await response.json()) as { functions?: FunctionConfig[] };
  return body.functions ?? [];
}

export async function callFunction(request: CallRequest, timeoutMs = 300_000): Promise<Outcome> {
  const url = new URL(request.appUrl);
  url.searchParams.set("fnId", request.functionId);
  url.searchParams.set("stepId", request.stepId);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      // identity: over loopback, gzip costs both processes CPU (zlib was ~2% of each in a profile) and saves nothing.
      headers: { "content-type": "application/json", "accept-encoding": "identity" },
      body: JSON.stringify({
        version: 2,
        event: request.event,
        events: request.events,
        steps: request.steps,
        ctx: {
          run_id: request.runId,
          // fn_id + qi_id switch the SDK to async checkpointing (it calls back the executor after each step).
          ...(request.checkpointing ? { fn_id: request.functionId, qi_id: request.runId } : {}),
          attempt: request.attempt,
          max_attempts: request.maxAttempts,
          use_api: false,
          disable_immediate_execution: false,
          stack: { stack: request.stack, current: request.stack.length },
        },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: "unreachable", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const noRetryHeader = response.headers.get("x-inngest-no-retry");
  const noRetry = noRetryHeader === null ? undefined : noRetryHeader === "true";
  const retryAfter = response.headers.get("retry-after") ?? undefined;
  const text = await response.text();
  const body = parseJson(text);
  if (response.status === 200) return { kind: "complete", output: body };
  if (response.status === 206) {
    const ops = (Array.isArray(body) ? body : [body]) as Op[];
    return { kind: "ops", ops, noRetry, retryAfter };
  }
  // A 404 or 5xx without protocol headers means the app itself is not answering properly (starting, redeploying).
  if (noRetry === undefined && (response.status === 404 || response.status >= 502)) {
    return { kind: "unreachable", error: `HTTP ${response.status}` };
  }
  return { kind: "error", retriable: noRetry !== true, error: body, retryAfter };
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return { message: text.slice(0, 2000) };
  }
}

/** Inngest durations: "30s", "5m", "2h", "1d", "500ms", or ISO dates for sleepUntil. */
export function parseDuration(value: string): number | null {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== value.replace(/\s+/g, "")) return null;
  const unit: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  return parts.reduce((total, [, n, u]) => total + Number(n) * unit[u!]!, 0);
}

/** When a Sleep op wakes: its name (or opts.duration) is a duration or an ISO timestamp. */
export function wakeTimeOf(op: Op, now = Date.now()): Date {
  const raw = (typeof op.opts?.duration === "string" && op.opts.duration) || op.name || "";
  const duration = parseDuration(raw);
  if (duration !== null) return new Date(now + duration);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? new Date(now) : new Date(at);
}

/** `retry-after` from the SDK: seconds, a duration string, or a date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const duration = parseDuration(value);
  if (duration !== null) return duration;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
