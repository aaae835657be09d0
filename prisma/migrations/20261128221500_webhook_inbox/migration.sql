-- The webhook inbox: processing status and timings, the tenant once known, purging, and a counter of refusals.
ALTER TYPE "WebhookStatus" ADD VALUE 'processing' AFTER 'received';

ALTER TABLE "webhook_events" RENAME COLUMN "type" TO "topic";
UPDATE "webhook_events" SET "topic" = 'unknown' WHERE "topic" IS NULL;
ALTER TABLE "webhook_events" ALTER COLUMN "topic" SET NOT NULL,
  ADD COLUMN "organizationId" TEXT,
  ADD COLUMN "startedAt" TIMESTAMP(3),
  ADD COLUMN "purgedAt" TIMESTAMP(3);

CREATE INDEX "webhook_events_organizationId_receivedAt_idx" ON "webhook_events"("organizationId", "receivedAt");

CREATE TABLE "webhook_rejections" (
    "provider" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_rejections_pkey" PRIMARY KEY ("provider","reason")
);
