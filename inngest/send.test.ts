import { describe, expect, it } from "vitest";
import { demoPipelineRequested } from "./events";
import { sendEvent } from "./send";

describe("sendEvent", () => {
  it("rejects a payload that fails the event's schema, before sending anything", async () => {
    await expect(sendEvent(demoPipelineRequested, { label: "" })).rejects.toMatchObject({ code: "invalid_event", status: 422 });
  });

  it("fails fast with 503 when the job backend does not answer", async () => {
    const started = performance.now();
    await expect(sendEvent(demoPipelineRequested, { label: "x" })).rejects.toMatchObject({ code: "jobs_unavailable", status: 503 });
    expect(performance.now() - started).toBeLessThan(3_500);
  });
});
