import { type Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "@/tests/executor-harness";

let slowRuns = 0;
let h: Awaited<ReturnType<typeof startHarness>>;

const fixtures = (inngest: Inngest) => [
  inngest.createFunction({ id: "slow", retries: 0, triggers: [{ event: "test/slow" }] }, async ({ step }) => {
    const out = await step.run("slow-step", async () => {
      slowRuns++;
      await new Promise((r) => setTimeout(r, 1_500));
      return "done";
    });
    return out;
  }),
];

// A lease much shorter than the step: without renewal the executor would take its own run over mid-step.
beforeAll(async () => {
  h = await startHarness("lease", fixtures, { leaseMs: 400 });
});
afterAll(() => h.stop());

describe("run leases", () => {
  it("are renewed while a long step runs, so the run is not taken over twice", async () => {
    const { ids } = await h.inngest.send({ name: "test/slow", data: {} });
    const run = await h.waitForRun("slow", ids[0]!);
    expect(run.status).toBe("completed");
    expect(run.output).toBe("done");
    expect(slowRuns).toBe(1);
  });
});

describe("stopping", () => {
  // A process-group signal and the launcher's forwarded one both reach the executor: the second stop must not throw
  // (it called pool.end() a second time: "Called end on pool more than once").
  it("can be asked twice at once, and the executor starts again after", async () => {
    await expect(Promise.all([h.executor.stop(), h.executor.stop()])).resolves.toEqual([undefined, undefined]);
    await h.restartExecutor();
    const { ids } = await h.inngest.send({ name: "test/slow", data: {} });
    expect((await h.waitForRun("slow", ids[0]!)).status).toBe("completed");
  });
});
