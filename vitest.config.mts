import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React Server Components by design; tests run server code directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "tests/server-only.ts") },
  },
  test: {
    include: ["**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Nothing listens on port 9: app code that sends job events in tests sees an unreachable backend.
    env: { LOG_LEVEL: "warn", LOCAL_EXECUTOR_PORT: "9" },
  },
});
