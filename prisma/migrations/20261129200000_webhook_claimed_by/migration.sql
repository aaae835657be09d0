-- The job run that last claimed a delivery for processing: a retry of that same run (after the app or the executor
-- crashed mid-way) may claim it again at once instead of waiting out the 5-minute lease.
ALTER TABLE "webhook_events" ADD COLUMN "claimedBy" TEXT;
