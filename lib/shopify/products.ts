import "server-only";
import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { audit, type AuditContext } from "@/lib/audit/log";
import { actorOf, requirePermission, type Caller } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { findEvent } from "@/lib/events/service";
import type { ShopifyProduct } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";

/**
 * Which Shopify product (by SKU) is a ticket to which event. The deployment has one Shopify store (one
 * SHOPIFY_WEBHOOK_SECRET), so a SKU names at most one event across all organizations; orders/create registers buyers
 * for the events their lines' SKUs are mapped to (./orders.ts).
 */

export const shopifySku = z.string().trim().min(1, "Enter the product's SKU.").max(255);

export const createShopifyProductInput = z.object({
  eventId: z.string().regex(/^evt_[A-Za-z0-9]{22}$/, "Expected an event id (evt_…)."),
  sku: shopifySku,
});

export const listShopifyProductsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
});

export type ShopifyProductDto = { id: string; sku: string; eventId: string; createdAt: string };

const dto = (row: ShopifyProduct): ShopifyProductDto => ({ id: row.id, sku: row.sku, eventId: row.eventId, createdAt: row.createdAt.toISOString() });

export async function listShopifyProducts(caller: Caller, query: z.output<typeof listShopifyProductsQuery>): Promise<{ data: ShopifyProductDto[]; nextCursor: string | null }> {
  requirePermission(caller, "events.read");
  const rows = await db.shopifyProduct.findMany({
    where: { organizationId: caller.organizationId, ...(query.eventId ? { eventId: query.eventId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const data = rows.slice(0, query.limit).map(dto);
  return { data, nextCursor: rows.length > query.limit ? data[data.length - 1]!.id : null };
}

/** Maps a SKU to one of the caller's events. A SKU already mapped (by anyone: one store) is a 409. */
export async function createShopifyProduct(caller: Caller, input: z.input<typeof createShopifyProductInput>, context: AuditContext = {}): Promise<ShopifyProductDto> {
  requirePermission(caller, "settings.manage");
  const data = createShopifyProductInput.parse(input);
  const event = await findEvent(caller, data.eventId);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.shopifyProduct.create({ data: { id: newId("spm"), organizationId: caller.organizationId, eventId: event.id, sku: data.sku } });
      await audit(
        { organizationId: caller.organizationId, actor: actorOf(caller), action: "organization.settings_changed", target: { type: "shopify_product", id: row.id }, data: { change: "shopify_product.mapped", sku: row.sku, eventId: row.eventId } },
        context,
        tx,
      );
      return dto(row);
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("sku_taken", 409, "This SKU is already mapped to an event; remove that mapping first.");
    throw error;
  }
}

export async function deleteShopifyProduct(caller: Caller, id: string, context: AuditContext = {}): Promise<void> {
  requirePermission(caller, "settings.manage");
  await db.$transaction(async (tx) => {
    const row = await tx.shopifyProduct.findFirst({ where: { id, organizationId: caller.organizationId } });
    const { count } = await tx.shopifyProduct.deleteMany({ where: { id, organizationId: caller.organizationId } });
    if (!row || count === 0) throw notFound("Shopify product mapping");
    await audit(
      { organizationId: caller.organizationId, actor: actorOf(caller), action: "organization.settings_changed", target: { type: "shopify_product", id }, data: { change: "shopify_product.unmapped", sku: row.sku, eventId: row.eventId } },
      context,
      tx,
    );
  });
}
