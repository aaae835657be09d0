import "server-only";
import { applyOrderCreated } from "@/lib/shopify/orders";
import type { WebhookHandler } from "../handler";
import { shopifyOrderBody } from "./shopify-order-body";

/** orders/create → the buyer registered for each event a line's SKU is mapped to (lib/shopify/orders.ts). */
export const shopifyOrderCreated: WebhookHandler = async (event) => applyOrderCreated(shopifyOrderBody(event));
