import { endpoint } from "@/lib/api/endpoint";
import { list, one, shopifyProductSchema } from "@/lib/api/schemas";
import { createShopifyProduct, createShopifyProductInput, listShopifyProducts, listShopifyProductsQuery } from "@/lib/shopify/products";

export const dynamic = "force-dynamic";

export const GET = endpoint(
  {
    method: "GET",
    path: "/api/v1/shopify-products",
    tag: "Shopify",
    summary: "The organization's Shopify SKU → event mappings",
    description: "Oldest first; filter by `eventId`.",
    access: "events.read",
    query: listShopifyProductsQuery,
    response: list(shopifyProductSchema),
  },
  async ({ principal, query }) => listShopifyProducts(principal, query),
);

export const POST = endpoint(
  {
    method: "POST",
    path: "/api/v1/shopify-products",
    tag: "Shopify",
    summary: "Map a Shopify SKU to one of the organization's events",
    description:
      "Each `orders/create` line item with this SKU registers the order's buyer for the event (source `shopify`); `orders/cancelled` cancels it. A SKU maps to one event across the deployment: an SKU already mapped answers 409 `sku_taken`.",
    access: "settings.manage",
    body: createShopifyProductInput,
    response: one(shopifyProductSchema),
    status: 201,
  },
  async ({ principal, body, auditContext }) => ({ data: await createShopifyProduct(principal, body, auditContext) }),
);
