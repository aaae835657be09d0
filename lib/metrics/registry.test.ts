import { afterAll, describe, expect, it } from "vitest";
import { MAX_ROUTE_LABELS, routeLabel } from "./registry";

describe("routeLabel", () => {
  // The labels seen live on globalThis (one set per process): leave none behind for other test files.
  afterAll(() => (globalThis as unknown as Record<string, Set<string> | undefined>).__eventline_routeLabels?.clear());

  it("keeps route words and replaces ids, well-formed or not", () => {
    expect(routeLabel("/api/v1/events/evt_abcdefghijklmnopqrstuv/registrations")).toBe("/api/v1/events/:id/registrations");
    expect(routeLabel("/api/v1/events/evt_abc-def_ghi/registrations.csv")).toBe("/api/v1/events/:id/registrations.csv");
    expect(routeLabel("/api/v1/events/%ZZ/faqs/__proto__")).toBe("/api/v1/events/:id/faqs/:id");
    expect(routeLabel("/api/v1/jobs/runs/12345")).toBe("/api/v1/jobs/runs/:n");
    expect(routeLabel("/api/webhooks/twilio")).toBe("/api/webhooks/twilio");
  });

  it("caps the number of labels, so a scan of random paths cannot grow the metrics without bound", () => {
    for (let i = 0; i < MAX_ROUTE_LABELS + 50; i++) routeLabel(`/api/v1/scan${String.fromCharCode(97 + (i % 26))}${"x".repeat(Math.floor(i / 26))}`);
    expect(routeLabel("/api/v1/never-seen-before")).toBe("other");
    expect(routeLabel("/api/webhooks/twilio")).toBe("/api/webhooks/twilio"); // labels seen before keep theirs
  });
});
