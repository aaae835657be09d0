-- CreateTable
CREATE TABLE "shopify_products" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shopify_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shopify_order_registrations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "registrationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "shopify_order_registrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shopify_cancelled_orders" (
    "orderId" TEXT NOT NULL,
    "cancelledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shopify_cancelled_orders_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "shopify_products_sku_key" ON "shopify_products"("sku");

-- CreateIndex
CREATE INDEX "shopify_products_organizationId_createdAt_idx" ON "shopify_products"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "shopify_products_eventId_idx" ON "shopify_products"("eventId");

-- CreateIndex
CREATE INDEX "shopify_order_registrations_registrationId_idx" ON "shopify_order_registrations"("registrationId");

-- CreateIndex
CREATE INDEX "shopify_order_registrations_organizationId_createdAt_idx" ON "shopify_order_registrations"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "shopify_order_registrations_orderId_lineItemId_key" ON "shopify_order_registrations"("orderId", "lineItemId");

-- AddForeignKey
ALTER TABLE "shopify_products" ADD CONSTRAINT "shopify_products_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shopify_order_registrations" ADD CONSTRAINT "shopify_order_registrations_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
