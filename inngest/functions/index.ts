import { benchPipeline } from "./bench-pipeline";
import { demoPipeline } from "./demo-pipeline";
import { eventCancelledNotice } from "./event-cancelled-notice";
import { registrationReminders } from "./registration-reminders";
import { sendEmail } from "./send-email";
import { sendMessage } from "./send-message";
import { sweepOutboxFn } from "./sweep-outbox";

/** Every function the app serves. One function per file; add new ones here. */
export const functions = [demoPipeline, benchPipeline, sendEmail, sendMessage, sweepOutboxFn, registrationReminders, eventCancelledNotice];
