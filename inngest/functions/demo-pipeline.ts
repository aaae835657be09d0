import { inngest } from "@/inngest/client";
import { demoPipelineRequested } from "@/inngest/events";

/**
 * A demonstration of the job machinery: three steps, a sleep, and a step that fails on its first attempt(s) and then
 * succeeds on retry. Trigger it from the jobs page or with `npm run jobs:demo`.
 */
export const demoPipeline = inngest.createFunction(
  { id: "demo-pipeline", name: "Demo pipeline", retries: 3, triggers: [demoPipelineRequested] },
  async ({ event, step, attempt }) => {
    const fetched = await step.run("fetch", () => ({ label: event.data.label, at: new Date().toISOString() }));
    await step.sleep("pause", "1s");
    const transformed = await step.run("transform", () => {
      if (attempt < (event.data.failFirstAttempts ?? 1)) throw new Error(`transient failure on attempt ${attempt}`);
      return { label: fetched.label.toUpperCase(), attempt };
    });
    const stored = await step.run("store", () => ({ stored: true, label: transformed.label }));
    return { ...stored, startedAt: fetched.at };
  },
);
