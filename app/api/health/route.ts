import { json, route } from "@/lib/api/route";
import { appVersion } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. Never touches dependencies. */
export const GET = route(() =>
  json({ status: "ok", version: appVersion, uptime: Math.round(process.uptime()) }, { headers: { "cache-control": "no-store" } }),
);
