/** What several journeys share: unique names, the organizer set-up through the dashboard, and /api/v1 calls with a key. */
import { appendFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { E2E_SECRETS_FILE } from "./settings";

export const password = "correct horse battery staple";
export const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
export const day = 86_400_000;

/** Notes a secret a journey created; the run fails if it shows up in the server's log (e2e/global-teardown.ts). */
export function recordSecret(value: string): void {
  appendFileSync(E2E_SECRETS_FILE, `${value}\n`);
}

/** Records the browser's session cookie (after a sign-in). */
export async function recordSessionCookie(context: BrowserContext): Promise<void> {
  const session = (await context.cookies()).find((c) => c.name === "eventline_session");
  if (session?.value) recordSecret(session.value);
}

/** The seeded demo account and event (prisma/seed.ts). */
export const DEMO = { email: "demo@eventline.dev", password: "demo-password", slug: "launch-2026" };

/**
 * Signs in as the demo owner the way a signed-out person opening `from` does: the page sends them to sign-in, and
 * signing in brings them back to it. Records the session cookie for the log scan.
 */
export async function signInAsDemo(page: Page, from = "/dashboard"): Promise<void> {
  await page.goto(from);
  await expect(page).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === from, { timeout: 30_000 });
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === from, { timeout: 30_000 });
  await recordSessionCookie(page.context());
}

/** Signs an organizer up, creates their organization (`organization`) and a read-write API key; returns the key. */
export async function organizerKey(page: Page, id: string, organization: string): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Olga Organizer");
  await page.getByLabel("Email").fill(`olga-${id}@example.test`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 }); // password hashing is slow on a busy machine
  await page.getByLabel("Organization name").fill(organization);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/onboarding\/event$/, { timeout: 30_000 });
  await recordSessionCookie(page.context());
  await page.goto("/dashboard/api-keys");
  await page.getByLabel("Name").fill("e2e setup");
  await page.getByLabel("Scope").selectOption("read_write");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible({ timeout: 15_000 });
  const secret = (await page.getByTestId("new-api-key").textContent())!;
  expect(secret).toMatch(/^evl_/);
  recordSecret(secret);
  return secret;
}

/** POSTs to /api/v1 with an API key; fails the test unless the answer is 2xx; returns its `data`. */
export async function post<T>(request: APIRequestContext, key: string, path: string, data?: unknown): Promise<T> {
  const response = await request.post(path, { headers: { authorization: `Bearer ${key}` }, data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return ((await response.json()) as { data: T }).data;
}

/**
 * Serious and critical axe violations on the page as it stands, one line each (empty when there are none). Waits for
 * the document title first: Next.js streams metadata into <head>, and after a server action's refresh the title can
 * be missing for a moment — an axe run in that instant reports `document-title` for a page that has one.
 */
export async function seriousA11yViolations(page: Page, tags?: string[]): Promise<string[]> {
  await expect(page).toHaveTitle(/\S/);
  const builder = new AxeBuilder({ page });
  const results = await (tags ? builder.withTags(tags) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

