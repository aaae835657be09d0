/**
 * Runs once when a server process starts: validates the environment so a malformed value stops start-up with a
 * readable message instead of failing on the first request, scrubs what Next.js and SDKs print to the console the way
 * our own logs are scrubbed (lib/log/console.ts), and starts OpenTelemetry tracing when an OTLP endpoint is configured
 * (docs/decisions.md #91). Without one, no tracing code is loaded.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scrubConsole } = await import("@/lib/log/console");
  scrubConsole();
  const { appVersion, env, modes } = await import("@/lib/env");
  const tracing = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (tracing) {
    // Next.js then emits its own spans (request, route, render, fetch) to the registered provider.
    const { registerOTel } = await import("@vercel/otel");
    registerOTel({ serviceName: env.OTEL_SERVICE_NAME, attributes: { "service.version": appVersion } });
  }
  const { logger } = await import("@/lib/log");
  logger.info({ modes, nodeEnv: env.NODE_ENV, tracing: tracing ? "otlp" : "off" }, "eventline starting");
}
