import type { LoadResult } from "./http-load";

/** One row of the bench table (and of bench/results/*.json). */
export type Result = { scenario: string; runs: number; errors: number; throughput: number; p50: number; p95: number; p99: number; max: number; note: string };

/** A row from a load run: every request's latency, at `throughput` (the achieved rate unless given: an open loop's offered rate). */
export const latencyRow = (scenario: string, r: LoadResult, throughput = r.rps): Omit<Result, "note"> => ({
  scenario,
  runs: r.requests,
  errors: r.errors,
  throughput,
  p50: r.p50,
  p95: r.p95,
  p99: r.p99,
  max: r.max,
});
