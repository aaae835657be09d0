import { inngest } from "@/inngest/client";
import { pruneChangeLog } from "@/lib/realtime/publish";

/** Daily: the live-update change log only serves reconnecting dashboards; a day of it is kept. */
export const pruneChangeLogFn = inngest.createFunction(
  { id: "prune-change-log", name: "Prune the live-update change log", retries: 1, triggers: [{ cron: "41 3 * * *" }] },
  async ({ step }) => step.run("prune", () => pruneChangeLog()),
);
