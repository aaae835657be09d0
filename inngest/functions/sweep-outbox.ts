import { inngest } from "@/inngest/client";
import { sweepNotifications } from "@/lib/outbox/notifications";
import { sweepOutbox } from "@/lib/outbox/sweep";

/**
 * Every minute: hand emails and messages that never reached the job backend to it again, and finish attendee
 * notifications whose post-commit processing did not complete (see lib/outbox).
 */
export const sweepOutboxFn = inngest.createFunction(
  { id: "sweep-outbox", name: "Sweep the outbox", retries: 1, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const deliveries = await step.run("sweep", () => sweepOutbox());
    const notifications = await step.run("sweep-notifications", () => sweepNotifications());
    return { ...deliveries, notifications };
  },
);
