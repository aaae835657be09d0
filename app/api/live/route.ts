import type { NextRequest } from "next/server";
import { route } from "@/lib/api/route";
import { authenticate, requirePermission } from "@/lib/auth/principal";
import { changeStream } from "@/lib/realtime/stream";

export const dynamic = "force-dynamic";

/**
 * Live updates for the dashboard: the signed-in member's organization's changes as Server-Sent Events (EventSource
 * resends Last-Event-ID on reconnect; `?lastEventId=` works too). Authorized on connect like any API call.
 */
export const GET = route(async (request: NextRequest) => {
  const principal = await authenticate(request);
  requirePermission(principal, "events.read");
  const lastEventId = request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("lastEventId");
  return new Response(changeStream(principal.organizationId, lastEventId, request.signal), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
});
