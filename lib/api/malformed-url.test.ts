import { describe, expect, it } from "vitest";
import { malformedPath, malformedPathResponse } from "./malformed-url";

describe("malformed paths", () => {
  it("tells paths that do not decode from ones that do", () => {
    expect(malformedPath("/api/v1/events/%ZZ")).toBe(true);
    expect(malformedPath("/e/%C0")).toBe(true);
    expect(malformedPath("/e/launch%20day")).toBe(false);
    expect(malformedPath("/api/v1/events/evt_abc")).toBe(false);
  });

  it("answers them with a 400 problem", async () => {
    const response = malformedPathResponse("/api/v1/events/%ZZ", "req_test");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "malformed_url", status: 400, requestId: "req_test" });
  });
});
