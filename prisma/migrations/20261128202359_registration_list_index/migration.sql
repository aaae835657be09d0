-- CreateIndex
CREATE INDEX "registrations_eventId_createdAt_id_idx" ON "registrations"("eventId", "createdAt", "id");
