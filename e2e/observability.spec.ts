import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { METRICS_TOKEN, OTEL_SERVICE_NAME, OTLP_PORT } from "./settings";

test("the production server sends OpenTelemetry spans for a request to the configured OTLP endpoint", async ({ request }) => {
  const marker = `trace-${randomBytes(8).toString("hex")}`;
  expect((await request.get(`/api/health?check=${marker}`)).status()).toBe(200);

  // Spans are exported in batches (the e2e server flushes every second): wait for the one carrying our URL.
  let batch: { path: string; contentType: string; body: string } | undefined;
  await expect
    .poll(
      async () => {
        const received = (await (await fetch(`http://127.0.0.1:${OTLP_PORT}/received`)).json()) as { path: string; contentType: string; body: string }[];
        batch = received.find((r) => Buffer.from(r.body, "base64").includes(marker));
        return Boolean(batch);
      },
      { timeout: 15_000, intervals: [250] },
    )
    .toBe(true);
  const body = Buffer.from(batch!.body, "base64");
  expect(batch!.path).toBe("/v1/traces");
  expect(batch!.contentType).toBe("application/x-protobuf");
  expect(body.includes(OTEL_SERVICE_NAME)).toBe(true);
  // Next.js's own request span names the route.
  expect(body.includes("GET /api/health")).toBe(true);
});

test("the production server's /api/metrics counts what it served", async ({ request }) => {
  const scrape = async () => {
    const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status()).toBe(200);
    return response.text();
  };
  const count = (text: string) => Number(/^eventline_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  const before = count(await scrape());
  for (let i = 0; i < 3; i++) expect((await request.get("/api/health")).status()).toBe(200);
  const after = await scrape();
  // Other journeys run at the same time and may call /api/health too: at least our three.
  expect(count(after) - before).toBeGreaterThanOrEqual(3);
  expect(after).toMatch(/^eventline_db_pool_connections\{state="total"\} [1-9]\d*$/m);
  expect((await request.get("/api/metrics")).status()).toBe(401);
});
