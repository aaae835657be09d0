import "server-only";
import { type Modes } from "@/lib/env";

export type CheckResult = { status: "ok" | "error" | "timeout"; latencyMs: number; error?: string };
export type Probe = () => Promise<unknown>;
export type Readiness = { ready: boolean; checks: Record<string, CheckResult>; modes: Modes };

/** Runs one probe with a deadline, so a hung dependency answers "timeout" instead of hanging the caller. */
export async function runCheck(probe: Probe, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([probe().then(() => "ok" as const), deadline]);
    const latencyMs = Math.round(performance.now() - started);
    return outcome === "ok" ? { status: "ok", latencyMs } : { status: "timeout", latencyMs, error: `no answer within ${timeoutMs} ms` };
  } catch (error) {
    return { status: "error", latencyMs: Math.round(performance.now() - started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Only the kind of failure, never connection strings or hostnames. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code) return `connection failed (${code})`;
  return error instanceof Error ? error.name : "failed";
}

export async function checkReadiness(probes: Record<string, Probe>, modes: Modes, timeoutMs = 1_500): Promise<Readiness> {
  const names = Object.keys(probes);
  const results = await Promise.all(names.map((name) => runCheck(probes[name]!, timeoutMs)));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  return { ready: results.every((r) => r.status === "ok"), checks, modes };
}
