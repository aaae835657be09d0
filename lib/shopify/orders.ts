import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { cancelByTicket, registerForEvent, registerInput } from "@/lib/registrations/service";

/**
 * Shopify ticket orders: orders/create registers the buyer for each event a line's SKU is mapped to (./products.ts);
 * orders/cancelled cancels what the order registered. Both are idempotent: an order line that registered someone is
 * linked to the registration (`ShopifyOrderRegistration`, unique per order and line), so processing the same order
 * again — a replay, or Shopify's retry under a new webhook id — creates nothing twice; a cancelled order is
 * remembered (`ShopifyCancelledOrder`), so an orders/create processed after its cancellation registers nobody.
 *
 * Refusals (the event is cancelled, closed, full of required questions…) are business outcomes, reported in the
 * result's note, not failures: retrying would not change them.
 */

/** A Shopify numeric id. JSON numbers past 2^53 lose digits, so the exact id is read from `admin_graphql_api_id`. */
const numericId = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/)]).transform((id) => (typeof id === "number" ? BigInt(Math.trunc(id)).toString() : id));
const exactId = (gid: string | null | undefined, id: string) => (gid && /\/(\d+)$/.exec(gid)?.[1]) || id;

const name = z.string().nullish();
const address = z.object({ first_name: name, last_name: name, name: name, phone: name }).partial().nullish();

export const shopifyOrder = z.object({
  id: numericId,
  admin_graphql_api_id: z.string().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  phone: z.string().nullish(),
  customer: z.object({ first_name: name, last_name: name, email: z.string().nullish(), phone: z.string().nullish() }).partial().nullish(),
  billing_address: address,
  line_items: z.array(
    z.object({
      id: numericId,
      admin_graphql_api_id: z.string().nullish(),
      sku: z.string().nullish(),
      quantity: z.number().int().nonnegative().default(1),
      title: z.string().nullish(),
    }),
  ),
});
export type ShopifyOrder = z.output<typeof shopifyOrder>;

export type OrderOutcome = { status: "processed" | "ignored"; organizationId: string | null; note?: string };

/** The order's and its lines' exact ids, and each line's trimmed SKU (empty when it has none). */
function linesOf(order: ShopifyOrder) {
  return order.line_items.map((line) => ({
    id: exactId(line.admin_graphql_api_id, line.id),
    sku: (line.sku ?? "").trim(),
    quantity: line.quantity,
    title: line.title ?? "",
  }));
}
export const orderIdOf = (order: ShopifyOrder) => exactId(order.admin_graphql_api_id, order.id);

const E164 = /^\+[1-9]\d{6,14}$/;
const clean = (value: string | null | undefined) => (value ?? "").trim();

/**
 * Who bought: the customer's name (else the billing address's), email (`email`, else the customer's or the contact
 * email) and phone when it is E.164. No name at all: the email stands in for it (no invented names).
 */
export function buyerOf(order: ShopifyOrder) {
  const customerName = [clean(order.customer?.first_name), clean(order.customer?.last_name)].filter(Boolean).join(" ");
  const billingName = [clean(order.billing_address?.first_name), clean(order.billing_address?.last_name)].filter(Boolean).join(" ") || clean(order.billing_address?.name);
  const email = clean(order.email) || clean(order.customer?.email) || clean(order.contact_email);
  const phone = [order.customer?.phone, order.phone, order.billing_address?.phone].map(clean).find((p) => E164.test(p)) ?? null;
  return registerInput.safeParse({ name: customerName || billingName || email, email, phone });
}

/** The mapped lines of an order, with their event and organization. */
async function mappedLines(order: ShopifyOrder) {
  const lines = linesOf(order).filter((line) => line.sku);
  if (lines.length === 0) return [];
  const products = await db.shopifyProduct.findMany({ where: { sku: { in: [...new Set(lines.map((l) => l.sku))] } }, select: { sku: true, eventId: true, organizationId: true } });
  const bySku = new Map(products.map((p) => [p.sku, p]));
  return lines.flatMap((line) => {
    const product = bySku.get(line.sku);
    return product ? [{ ...line, eventId: product.eventId, organizationId: product.organizationId }] : [];
  });
}

/** A refusal the registration service reports for this event (closed, cancelled, required questions …): not retried. */
function refusal(error: unknown): string | null {
  if (error instanceof AppError && error.status < 500) return error.detail;
  if (error instanceof z.ZodError) return `the event asks questions a Shopify order does not answer (${error.issues.map((i) => i.message).join(" ")})`;
  return null;
}

export async function applyOrderCreated(order: ShopifyOrder): Promise<OrderOutcome> {
  const orderId = orderIdOf(order);
  const lines = await mappedLines(order);
  if (lines.length === 0) return { status: "ignored", organizationId: null, note: "no line item has a mapped SKU" };
  const organizationId = lines[0]!.organizationId;
  const notes: string[] = [];
  if (new Set(lines.map((l) => l.organizationId)).size > 1) notes.push("the order's SKUs belong to several organizations; filed under the first line's");
  if (await db.shopifyCancelledOrder.findUnique({ where: { orderId } })) {
    return { status: "processed", organizationId, note: "the order was cancelled before it was processed: nobody registered" };
  }
  const buyer = buyerOf(order);
  if (!buyer.success) {
    return { status: "processed", organizationId, note: `nobody registered: the order's buyer cannot be registered (${buyer.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})` };
  }

  const linked = new Set((await db.shopifyOrderRegistration.findMany({ where: { orderId }, select: { lineItemId: true } })).map((l) => l.lineItemId));
  for (const line of lines) {
    const label = `line ${line.id} (SKU ${line.sku})`;
    if (linked.has(line.id)) {
      notes.push(`${label}: already registered by this order`);
      continue;
    }
    let result: Awaited<ReturnType<typeof registerForEvent>>;
    try {
      result = await registerForEvent(line.eventId, buyer.data, "shopify");
    } catch (error) {
      const reason = refusal(error);
      if (reason === null) throw error; // the database or a bug: fail, so the job retries
      notes.push(`${label}: refused: ${reason}`);
      continue;
    }
    await db.shopifyOrderRegistration.createMany({
      data: [{ id: newId("sor"), organizationId: line.organizationId, orderId, lineItemId: line.id, sku: line.sku, quantity: line.quantity, registrationId: result.registration.id }],
      skipDuplicates: true, // a concurrent processing of the same order linked it first
    });
    notes.push(`${label}: ${result.outcome === "existing" ? `already registered (${result.registration.status})` : result.outcome}${line.quantity > 1 ? `; quantity ${line.quantity}, one registration per buyer` : ""}`);
  }

  // A cancellation processed while this ran saw none of the links made above: undo them now.
  if (await db.shopifyCancelledOrder.findUnique({ where: { orderId } })) {
    await cancelOrderLinks(orderId);
    notes.push("the order was cancelled meanwhile: its registrations were cancelled");
  }
  return { status: "processed", organizationId, note: notes.join("; ") };
}

export async function applyOrderCancelled(order: ShopifyOrder): Promise<OrderOutcome> {
  const orderId = orderIdOf(order);
  await db.shopifyCancelledOrder.createMany({ data: [{ orderId }], skipDuplicates: true });
  const links = await db.shopifyOrderRegistration.findMany({ where: { orderId }, select: { organizationId: true }, take: 1 });
  if (links.length === 0) {
    const lines = await mappedLines(order);
    if (lines.length === 0) return { status: "ignored", organizationId: null, note: "no line item has a mapped SKU" };
    return { status: "processed", organizationId: lines[0]!.organizationId, note: "nothing was registered for this order" };
  }
  const notes = await cancelOrderLinks(orderId);
  return { status: "processed", organizationId: links[0]!.organizationId, note: notes.join("; ") || "nothing left to cancel" };
}

/**
 * Cancels the registrations an order's lines made, through the attendee's own cancel path (waitlist promotion and
 * the cancelled email come with it). A registration is kept when it did not come from Shopify (the buyer had
 * registered on the web before ordering) or another order that is not cancelled holds it too.
 */
async function cancelOrderLinks(orderId: string): Promise<string[]> {
  await db.shopifyOrderRegistration.updateMany({ where: { orderId, cancelledAt: null }, data: { cancelledAt: new Date() } });
  const links = await db.shopifyOrderRegistration.findMany({ where: { orderId }, select: { registrationId: true } });
  const notes: string[] = [];
  for (const registrationId of new Set(links.map((l) => l.registrationId))) {
    const registration = await db.registration.findUnique({ where: { id: registrationId }, select: { status: true, source: true, ticketToken: true } });
    if (!registration || registration.status === "cancelled") continue;
    if (registration.source !== "shopify") {
      notes.push(`${registrationId} kept: registered through ${registration.source} before the order`);
      continue;
    }
    const heldElsewhere = await db.shopifyOrderRegistration.count({ where: { registrationId, orderId: { not: orderId }, cancelledAt: null } });
    if (heldElsewhere > 0) {
      notes.push(`${registrationId} kept: another order holds it`);
      continue;
    }
    const { promoted } = await cancelByTicket(registration.ticketToken);
    notes.push(`${registrationId} cancelled${promoted ? `; ${promoted.id} promoted from the waitlist` : ""}`);
  }
  return notes;
}
