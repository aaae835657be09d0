-- Live updates: a short log of changes per organization (replayed after Last-Event-ID), announced with pg_notify.
CREATE TABLE "change_log" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "change_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "change_log_organizationId_id_idx" ON "change_log"("organizationId", "id");
CREATE INDEX "change_log_at_idx" ON "change_log"("at");
