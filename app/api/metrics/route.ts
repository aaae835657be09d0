import { timingSafeEqual } from "node:crypto";
import { AppError, notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/metrics/collect";

export const dynamic = "force-dynamic";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Prometheus metrics, for a scraper holding METRICS_TOKEN (`Authorization: Bearer …`). Without the token set: 404. */
export const GET = route(async (request) => {
  if (!env.METRICS_TOKEN) throw notFound("metrics endpoint");
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!same(given, env.METRICS_TOKEN)) throw new AppError("unauthorized", 401, "Send the metrics token as `Authorization: Bearer …`.", {}, { "www-authenticate": "Bearer" });
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
