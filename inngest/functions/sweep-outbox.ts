import { inngest } from "@/inngest/client";
import { sweepOutbox } from "@/lib/outbox/sweep";

/** Every minute: hand emails and messages that never reached the job backend to it again (see lib/outbox). */
export const sweepOutboxFn = inngest.createFunction(
  { id: "sweep-outbox", name: "Sweep the outbox", retries: 1, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => step.run("sweep", () => sweepOutbox()),
);
