import { expect, test } from "@playwright/test";

test("the landing page says what Eventline is", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Eventline/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events people actually show up to.");
  await expect(page.getByRole("heading", { name: "A concierge on WhatsApp and SMS" })).toBeVisible();
  await page.getByRole("link", { name: "Features" }).click();
  await expect(page).toHaveURL(/#features$/);
});

test("an unknown page shows a helpful 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("readiness reports the embedded database and every mode", async ({ request }) => {
  const response = await request.get("/api/health/ready");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; checks: { database: { status: string } }; modes: Record<string, string> };
  expect(body.status).toBe("ready");
  expect(body.checks.database.status).toBe("ok");
  expect(body.modes).toMatchObject({ database: "embedded", auth: "local", jobs: "local-executor", email: "captured" });
});

test("liveness answers with version and uptime, echoing the request id", async ({ request }) => {
  const response = await request.get("/api/health", { headers: { "x-request-id": "e2e-request-0001" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toBe("e2e-request-0001");
  const body = (await response.json()) as { status: string; version: string; uptime: number };
  expect(body.status).toBe("ok");
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(body.uptime).toBeGreaterThanOrEqual(0);
});

test("an unknown API route answers problem+json, not HTML", async ({ request }) => {
  const response = await request.post("/api/v1/nothing-here", { data: { a: 1 } });
  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  expect(response.headers()["x-request-id"]).toMatch(/^req_/);
  expect(await response.json()).toMatchObject({ status: 404, code: "route_not_found" });
});

test("pages and API answers carry the security headers", async ({ request }) => {
  for (const path of ["/", "/api/health", "/sign-in"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["strict-transport-security"], path).toContain("max-age=");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=(self)");
  }
});
