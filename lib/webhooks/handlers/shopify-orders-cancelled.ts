import "server-only";
import { applyOrderCancelled } from "@/lib/shopify/orders";
import type { WebhookHandler } from "../handler";
import { shopifyOrderBody } from "./shopify-order-body";

/** orders/cancelled → the registrations the order made are cancelled (lib/shopify/orders.ts). */
export const shopifyOrderCancelled: WebhookHandler = async (event) => applyOrderCancelled(shopifyOrderBody(event));
