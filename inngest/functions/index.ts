import { benchPipeline } from "./bench-pipeline";
import { demoPipeline } from "./demo-pipeline";
import { eventCancelledNotice } from "./event-cancelled-notice";
import { registrationReminders } from "./registration-reminders";
import { sendEmail } from "./send-email";
import { sendMessage } from "./send-message";
import { processWebhook } from "./process-webhook";
import { pruneChangeLogFn } from "./prune-change-log";
import { sweepOutboxFn } from "./sweep-outbox";
import { purgeWebhookPayloadsFn, sweepWebhooksFn } from "./sweep-webhooks";

/** Every function the app serves. One function per file; add new ones here. */
export const functions = [demoPipeline, benchPipeline, sendEmail, sendMessage, sweepOutboxFn, registrationReminders, eventCancelledNotice, processWebhook, sweepWebhooksFn, purgeWebhookPayloadsFn, pruneChangeLogFn];
