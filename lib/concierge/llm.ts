import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { perProcess } from "@/lib/per-process";

/**
 * Answers beyond the FAQs from an OpenAI-compatible chat completions API (`POST {baseUrl}/chat/completions`, the
 * documented request and response shape; no SDK). Every call has a timeout (8 s by default) and goes through a
 * circuit breaker: after `failureThreshold` failures in a row the breaker opens and calls fail at once for `openMs`
 * (then one call is let through to try again), so an LLM outage costs attendees a fallback reply, not 8 s each.
 */
export type LlmConfig = {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs?: number;
  failureThreshold?: number;
  openMs?: number;
};

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };
export type LlmResult = { kind: "answer"; text: string } | { kind: "unavailable"; reason: "timeout" | "error" | "breaker_open" };
export type LlmClient = { complete(messages: ChatMessage[]): Promise<LlmResult> };

export const LLM_TIMEOUT_MS = 8_000;
const FAILURE_THRESHOLD = 3;
const OPEN_MS = 30_000;

type Breaker = { failures: number; openUntil: number };
/** One breaker per process and API base URL (module state would not be shared across Next's route bundles). */
const breakers = perProcess("llmBreakers", () => new Map<string, Breaker>());
const breakerFor = (baseUrl: string): Breaker => {
  let breaker = breakers.get(baseUrl);
  if (!breaker) breakers.set(baseUrl, (breaker = { failures: 0, openUntil: 0 }));
  return breaker;
};

export function createLlmClient(config: LlmConfig): LlmClient {
  const url = `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const timeoutMs = config.timeoutMs ?? LLM_TIMEOUT_MS;
  const threshold = config.failureThreshold ?? FAILURE_THRESHOLD;
  const openMs = config.openMs ?? OPEN_MS;
  const breaker = breakerFor(config.baseUrl);

  const failed = (reason: "timeout" | "error", detail: unknown): LlmResult => {
    breaker.failures += 1;
    if (breaker.failures >= threshold) breaker.openUntil = Date.now() + openMs;
    logger.warn({ reason, failures: breaker.failures, err: detail }, "LLM call failed");
    return { kind: "unavailable", reason };
  };

  return {
    async complete(messages) {
      if (Date.now() < breaker.openUntil) return { kind: "unavailable", reason: "breaker_open" };
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${config.apiKey}` },
          body: JSON.stringify({ model: config.model, messages, temperature: 0.2, max_tokens: 300 }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) return failed("error", `HTTP ${response.status}`);
        const json = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
        const text = json.choices?.[0]?.message?.content;
        if (typeof text !== "string" || text.trim() === "") return failed("error", "no message content in the answer");
        breaker.failures = 0;
        breaker.openUntil = 0;
        return { kind: "answer", text: text.trim().slice(0, 1_500) };
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        return failed(timedOut ? "timeout" : "error", error);
      }
    },
  };
}

/** The LLM from LLM_BASE_URL / LLM_API_KEY / LLM_MODEL, or null when not configured. */
export function configuredLlm(): LlmClient | null {
  return env.LLM_BASE_URL && env.LLM_API_KEY ? createLlmClient({ baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL }) : null;
}
