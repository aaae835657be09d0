import { verifyWebhook } from "@clerk/nextjs/webhooks";
import { NextRequest } from "next/server";
import { AppError, serviceUnavailable } from "@/lib/api/errors";
import { json, route } from "@/lib/api/route";
import { applyClerkEvent } from "@/lib/auth/clerk-webhooks";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";

export const dynamic = "force-dynamic";

const PROVIDER = "clerk";

/**
 * Clerk webhooks (delivered by Svix). Verified (signature and a timestamp at most 5 minutes old) before anything is
 * stored; stored before it is applied; deduplicated on `svix-id`. An event whose application failed answers 500 so
 * Svix retries, and the retry applies it again (applying is idempotent). Successful or ignored events answer 200.
 */
export const POST = route(async (request, { log }) => {
  const signingSecret = env.CLERK_WEBHOOK_SIGNING_SECRET;
  if (!signingSecret) throw serviceUnavailable("Clerk webhooks are not configured: set CLERK_WEBHOOK_SIGNING_SECRET.", "webhook_not_configured");

  // verifyWebhook consumes the body: read it once and hand it a copy.
  const rawBody = await request.text();
  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    event = await verifyWebhook(new NextRequest(request.url, { method: "POST", headers: request.headers, body: rawBody }), { signingSecret });
  } catch {
    throw new AppError("invalid_signature", 400, "The webhook signature is missing, invalid or older than 5 minutes.");
  }
  const externalId = request.headers.get("svix-id")!.trim(); // present: verification requires it

  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name.startsWith("svix-") || name === "content-type") headers[name] = value;
  });

  const stored = await storeOnce({ externalId, type: event.type, headers, rawBody });
  if (stored.status === "processed" || stored.status === "ignored") return json({ received: true, duplicate: true });

  try {
    const outcome = await applyClerkEvent(event);
    await db.webhookEvent.update({ where: { id: stored.id }, data: { status: outcome, processedAt: new Date(), lastError: null } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.webhookEvent.update({ where: { id: stored.id }, data: { status: "failed", lastError: message.slice(0, 1000) } });
    log.error({ err: error, svixId: externalId, type: event.type }, "clerk webhook failed");
    throw new AppError("webhook_failed", 500, "The event could not be applied; it will be retried.");
  }
  return json({ received: true });
});

/**
 * The stored row for this delivery: a new one, or the existing row with one more attempt. A row already processed or
 * ignored is returned untouched (a duplicate delivery); one still `received` (a crash mid-way) or `failed` is retried.
 */
async function storeOnce(delivery: { externalId: string; type: string; headers: Record<string, string>; rawBody: string }) {
  const key = { provider_externalId: { provider: PROVIDER, externalId: delivery.externalId } };
  const existing = await db.webhookEvent.findUnique({ where: key, select: { id: true, status: true } });
  if (existing) return retry(existing);
  try {
    return await db.webhookEvent.create({
      data: { id: newId("whk"), provider: PROVIDER, ...delivery, status: "received", attempts: 1 },
      select: { id: true, status: true },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return retry(await db.webhookEvent.findUniqueOrThrow({ where: key, select: { id: true, status: true } }));
  }
}

async function retry(row: { id: string; status: string }) {
  if (row.status === "processed" || row.status === "ignored") return row;
  return db.webhookEvent.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, status: "received" }, select: { id: true, status: true } });
}
