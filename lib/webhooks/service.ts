import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import type { WebhookEvent } from "@/lib/generated/prisma/client";
import { announce, announcementId } from "./inbox";
import { PROVIDERS } from "./provider";

/**
 * The organization's view of its inbox: deliveries filed under it by processing (a mapped number, a mapped product,
 * one of its emails). Platform deliveries (Clerk) and unmapped ones belong to no organization and are not listed.
 */

export const WEBHOOK_STATUSES = ["received", "processing", "processed", "failed", "ignored"] as const;

export const listWebhookEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(64).optional(),
  provider: z.enum(PROVIDERS).optional(),
  status: z.enum(WEBHOOK_STATUSES).optional(),
  topic: z.string().max(100).optional(),
});

export type WebhookEventDto = {
  id: string;
  provider: string;
  topic: string;
  externalId: string;
  status: WebhookEvent["status"];
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  startedAt: string | null;
  processedAt: string | null;
  purgedAt: string | null;
};
export type WebhookEventDetailDto = WebhookEventDto & { headers: Record<string, string>; body: string };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function dto(row: WebhookEvent): WebhookEventDto {
  return {
    id: row.id,
    provider: row.provider,
    topic: row.topic,
    externalId: row.externalId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    receivedAt: row.receivedAt.toISOString(),
    startedAt: iso(row.startedAt),
    processedAt: iso(row.processedAt),
    purgedAt: iso(row.purgedAt),
  };
}

/** Signatures are not secrets once used, but they have no business in a viewer; account ids are half hidden. */
const SIGNATURE_HEADERS = new Set(["x-twilio-signature", "svix-signature", "x-shopify-hmac-sha256"]);
const mask = (value: string) => (value.length <= 8 ? "••••" : `${value.slice(0, 4)}••••${value.slice(-4)}`);

export function maskedHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, string>)) out[name] = SIGNATURE_HEADERS.has(name) ? "••••" : value;
  return out;
}

export function maskedBody(provider: string, body: string): string {
  if (provider !== "twilio" || !body) return body;
  const params = new URLSearchParams(body);
  for (const name of ["AccountSid", "MessagingServiceSid"]) {
    const value = params.get(name);
    if (value) params.set(name, mask(value));
  }
  return params.toString();
}

async function findOwned(caller: Caller, id: string): Promise<WebhookEvent> {
  const row = await db.webhookEvent.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!row) throw notFound("webhook event");
  return row;
}

export async function listWebhookEvents(caller: Caller, query: z.output<typeof listWebhookEventsQuery>): Promise<{ data: WebhookEventDto[]; nextCursor: string | null }> {
  requirePermission(caller, "webhooks.read");
  const rows = await db.webhookEvent.findMany({
    where: {
      organizationId: caller.organizationId,
      ...(query.provider ? { provider: query.provider } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.topic ? { topic: query.topic } : {}),
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, query.limit).map(dto);
  return { data, nextCursor: rows.length > query.limit ? data[data.length - 1]!.id : null };
}

export async function getWebhookEvent(caller: Caller, id: string): Promise<WebhookEventDetailDto> {
  requirePermission(caller, "webhooks.read");
  const row = await findOwned(caller, id);
  return { ...dto(row), headers: maskedHeaders(row.headers), body: maskedBody(row.provider, row.rawBody) };
}

/**
 * Replays a delivery: puts it back to `received` and announces it with a new job event id. Processing is idempotent,
 * so replaying something already processed repeats nothing that happened (and redoes what failed).
 */
export async function replayWebhookEvent(caller: Caller, id: string, send: typeof announce = announce): Promise<WebhookEventDto> {
  requirePermission(caller, "webhooks.replay");
  const row = await findOwned(caller, id);
  if (row.purgedAt) throw new AppError("webhook_purged", 409, "The payload of this webhook was removed after the retention period; it cannot be replayed.");
  const updated = await db.webhookEvent.updateMany({
    where: { id, organizationId: caller.organizationId, status: { in: ["processed", "failed", "ignored", "received"] } },
    data: { status: "received", lastError: null },
  });
  if (updated.count === 0) throw new AppError("webhook_in_progress", 409, "This webhook is being processed right now; replay it when it is done.");
  await send(id, { eventId: announcementId(id, row.attempts) });
  return dto(await db.webhookEvent.findUniqueOrThrow({ where: { id } }));
}
