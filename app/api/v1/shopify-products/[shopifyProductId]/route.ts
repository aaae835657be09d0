import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { idOf } from "@/lib/api/schemas";
import { deleteShopifyProduct } from "@/lib/shopify/products";

export const dynamic = "force-dynamic";

export const DELETE = endpoint(
  {
    method: "DELETE",
    path: "/api/v1/shopify-products/{shopifyProductId}",
    tag: "Shopify",
    summary: "Remove a Shopify SKU mapping",
    description: "Later orders for the SKU register nobody; registrations already made stay, and cancelling their order still cancels them.",
    access: "settings.manage",
    params: z.object({ shopifyProductId: idOf("spm") }),
    status: 204,
  },
  async ({ principal, params, auditContext }) => deleteShopifyProduct(principal, params.shopifyProductId, auditContext),
);
