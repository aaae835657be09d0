/** One row of the bench table (and of bench/results/*.json). */
export type Result = { scenario: string; runs: number; errors: number; throughput: number; p50: number; p95: number; p99: number; max: number; note: string };
