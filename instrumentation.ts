/**
 * Runs once when a server process starts: validates the environment so a malformed value stops start-up with a
 * readable message instead of failing on the first request, and scrubs what Next.js and SDKs print to the console
 * the way our own logs are scrubbed (lib/log/console.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scrubConsole } = await import("@/lib/log/console");
  scrubConsole();
  const { env, modes } = await import("@/lib/env");
  const { logger } = await import("@/lib/log");
  logger.info({ modes, nodeEnv: env.NODE_ENV }, "eventline starting");
}
