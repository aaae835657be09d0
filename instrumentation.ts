/**
 * Runs once when a server process starts: validates the environment so a malformed value stops start-up with a
 * readable message instead of failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, modes } = await import("@/lib/env");
  const { logger } = await import("@/lib/log");
  logger.info({ modes, nodeEnv: env.NODE_ENV }, "eventline starting");
}
