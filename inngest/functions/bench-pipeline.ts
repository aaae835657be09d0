import { inngest } from "@/inngest/client";
import { benchPipelineRequested } from "@/inngest/events";

/** Three quick steps and nothing else: what `npm run bench` measures the job machinery with (end-to-end latency). */
export const benchPipeline = inngest.createFunction(
  { id: "bench-pipeline", name: "Benchmark pipeline", retries: 0, triggers: [benchPipelineRequested] },
  async ({ event, step }) => {
    const a = await step.run("one", () => event.data.n);
    const b = await step.run("two", () => a + 1);
    return step.run("three", () => b + 1);
  },
);
