import { expect, test } from "@playwright/test";

test("the landing page says what Eventline is", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Eventline/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events people actually show up to.");
  await expect(page.getByRole("heading", { name: "A concierge on WhatsApp and SMS" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Features" }).click();
  await expect(page).toHaveURL(/#features$/);
  await page.getByRole("link", { name: "Create your organization" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
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
  for (const path of ["/", "/api/health", "/sign-in", "/e/launch-2026"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["strict-transport-security"], path).toContain("max-age=");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=(self)");
  }
});

test("pages get a new nonce on every response, stamped on their scripts; the cached event page and the API get fixed policies", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/sign-in", "/sign-in", "/docs/api"]) {
    const response = await request.get(path);
    const policy = response.headers()["content-security-policy"]!;
    const nonce = policy.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/)?.[1];
    expect(nonce, `${path}: ${policy}`).toBeTruthy();
    nonces.add(nonce!);
    for (const directive of ["default-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
      expect(policy, path).toContain(directive);
    }
    expect(policy.replace("style-src-attr 'unsafe-inline'", ""), path).not.toContain("unsafe");
    // Every script element of the page carries this response's nonce.
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(4);

  const event = await request.get("/e/launch-2026");
  const eventPolicy = event.headers()["content-security-policy"]!;
  expect(eventPolicy).toContain("script-src 'self' 'unsafe-inline'");
  expect(eventPolicy).not.toContain("nonce-");
  expect(eventPolicy).toContain("frame-ancestors 'none'");

  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
});
