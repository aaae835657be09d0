import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO, seriousA11yViolations, signInAsDemo } from "./helpers";

// The machine running these is shared and busy: give each expectation more than the default 5 s.
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * Accessibility: axe (WCAG 2.1 A/AA rules) on every public and dashboard page must find no serious or critical
 * violation, and no page may scroll sideways at 375 px. Screenshots at desktop and 375 px go to test-results/a11y/.
 * Dashboard pages are checked as the demo owner (seeded on the embedded e2e database) on the demo event.
 */

async function audit(page: Page, name: string, options: { overflow?: boolean } = {}) {
  const blocking = await seriousA11yViolations(page, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  await page.screenshot({ path: `test-results/a11y/${name}-desktop.png`, fullPage: true });
  const original = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: `test-results/a11y/${name}-375.png`, fullPage: true });
  // What sticks out past the right edge at 375 px (innermost elements), to name the culprit if the page scrolls sideways.
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1));
    return { width: document.documentElement.scrollWidth, culprits: wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")}: ${(el.textContent ?? "").slice(0, 40)}`) };
  });
  if (original) await page.setViewportSize(original);
  expect(blocking, `${name}: serious or critical axe violations`).toEqual([]);
  if (options.overflow !== false) expect(overflow.width, `${name} scrolls sideways at 375 px: ${overflow.culprits.join(" | ")}`).toBeLessThanOrEqual(375);
}

test("public pages have no serious or critical accessibility violations", async ({ page }) => {
  test.slow();
  for (const [name, path] of [
    ["home", "/"],
    ["sign-in", "/sign-in"],
    ["sign-up", "/sign-up"],
    ["api-docs", "/docs/api"],
    ["public-event", `/e/${DEMO.slug}`],
  ] as const) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    await audit(page, name);
  }
  // A ticket: register on the demo event.
  await page.goto(`/e/${DEMO.slug}`);
  const form = page.getByRole("form", { name: "Registration" });
  await form.getByLabel("Your name").fill("Axel Axe");
  await form.getByLabel("Email").fill(`axe-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`);
  await form.getByRole("button", { name: /Register|waitlist/ }).click();
  await expect(page).toHaveURL(/\/t\/[A-Za-z0-9]{20,64}/, { timeout: 20_000 });
  await expect(page.getByTestId("ticket-status")).toBeVisible();
  await audit(page, "ticket");
});

test("dashboard overview, events list and event editor have no serious or critical accessibility violations", async ({ page }) => {
  test.slow();
  await signInAsDemo(page);
  await expect(page.getByTestId("registrations-chart")).toBeVisible();
  await audit(page, "dashboard-overview");

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await audit(page, "dashboard-events");

  await page.getByTestId("events").getByRole("link").first().click();
  await expect(page.getByRole("form", { name: "Event details" })).toBeVisible();
  await audit(page, "dashboard-event-editor");
  // The editor with its add forms open, and with the cancel confirmation open.
  for (const label of ["Add a session", "Add a FAQ", "Add a question"]) await page.getByText(label).click();
  await audit(page, "dashboard-event-editor-forms");
  await page.getByRole("button", { name: "Cancel event" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  // The page under the dialog was measured at 375 px just above; with the modal open Chromium reports a wider
  // document after the full-page screenshot although nothing shows outside the viewport (see the screenshot).
  await audit(page, "dashboard-cancel-dialog", { overflow: false });
  await page.getByRole("dialog").getByRole("button", { name: "Go back" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("dashboard team, mailbox, API keys, audit log, settings, new event and onboarding have no serious or critical accessibility violations", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page, "/dashboard/settings?tab=numbers"); // a deep link survives signing in
  // The phone numbers arrive with the page (the server's prefetch), not in a second round trip after "Loading numbers…".
  const settingsHtml = await (await page.request.get("/dashboard/settings")).text();
  expect(settingsHtml).toContain("+14155238886");
  expect(settingsHtml).not.toContain("Loading numbers");
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  for (const [name, label] of [
    ["team", "Team"],
    ["mailbox", "Mailbox"],
    ["api-keys", "API keys"],
    ["audit", "Audit log"],
    ["settings", "Settings"],
  ] as const) {
    await nav.getByRole("link", { name: label }).click();
    await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    await audit(page, `dashboard-${name}`);
  }

  await page.goto("/dashboard/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await audit(page, "dashboard-new-event");
  await page.goto("/onboarding");
  await expect(page.getByRole("heading", { level: 1, name: "Create your organization" })).toBeVisible();
  await audit(page, "onboarding-organization");
  await page.goto("/onboarding/event");
  await expect(page.getByRole("heading", { level: 1, name: "Create your first event" })).toBeVisible();
  await audit(page, "onboarding-event");
});
