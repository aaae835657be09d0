-- When a delivery attempt took the message (lib/messaging/service.ts): while the claim is fresh no other attempt may
-- send it, so two deliverers (a job's retry racing its first attempt, the process-webhook run and a send-message run)
-- never both call the provider. A claim older than the lease belongs to an attempt that died mid-way.
ALTER TABLE "outbound_messages" ADD COLUMN "claimedAt" TIMESTAMP(3);
