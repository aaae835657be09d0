import { serviceUnavailable } from "@/lib/api/errors";
import { json, route } from "@/lib/api/route";
import { db } from "@/lib/db";
import { modes } from "@/lib/env";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: each dependency's status and the active mode of each concern; 503 problem+json naming what failed. */
export const GET = route(async () => {
  const readiness = await checkReadiness({ database: () => db.$queryRaw`SELECT 1` }, modes);
  if (!readiness.ready) {
    const failing = Object.entries(readiness.checks).filter(([, c]) => c.status !== "ok").map(([name, c]) => `${name} (${c.status})`);
    throw serviceUnavailable(`Not ready: ${failing.join(", ")}.`, "not_ready", { checks: readiness.checks, modes: readiness.modes });
  }
  return json({ status: "ready", checks: readiness.checks, modes: readiness.modes }, { headers: { "cache-control": "no-store" } });
});
