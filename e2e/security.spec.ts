import { readFileSync } from "node:fs";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { DEMO, recordSecret, recordSessionCookie, signInAsDemo } from "./helpers";

// The machine running these is shared and busy: give each expectation more than the default 5 s.
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * The Content-Security-Policy in the browser: the pages the journeys visit run under the policy without a single
 * violation (a violation means a blocked script or style: a page that silently lost behaviour), and the policy really
 * blocks what it should. Violations are caught two ways: the document's `securitypolicyviolation` events (an init
 * script records them in each document) and Chromium's console errors about the policy (across navigations).
 */

type Watch = { violations: () => Promise<string[]> };

async function watchViolations(page: Page): Promise<Watch> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) fromConsole.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
  return {
    violations: async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))],
  };
}

/** Waits for the page to be interactive (React hydrated: its scripts ran), then expects no violation so far. */
async function expectClean(page: Page, watch: Watch, what: string) {
  await page.waitForLoadState("networkidle");
  baseExpect(await watch.violations(), `${what}: CSP violations`).toEqual([]);
}

test("no page is prerendered but the cached public event page: a prerendered page's scripts would carry no nonce", () => {
  // The build the server runs (npm run build before Playwright). Next's own error page is prerendered always.
  const manifest = JSON.parse(readFileSync(".next/prerender-manifest.json", "utf8")) as { routes: Record<string, unknown>; dynamicRoutes: Record<string, unknown> };
  const prerendered = Object.keys(manifest.routes).filter((route) => !/^\/e\/[^/]+$/.test(route));
  // The site icon (app/icon.svg) is a prerendered file too, but an image: no scripts.
  expect(prerendered.sort()).toEqual(["/_global-error", "/_not-found", "/icon.svg"]);
  expect(Object.keys(manifest.dynamicRoutes)).toEqual(["/e/[slug]"]);
});

test("the pages of the journeys run under the policy with no violation", async ({ page }) => {
  test.slow();
  const watch = await watchViolations(page);

  for (const path of ["/", "/sign-in", "/sign-up", "/docs/api", `/e/${DEMO.slug}`, "/no-such-page"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    await expectClean(page, watch, path);
  }

  // The public event page works (client-side registration form), and leads to the ticket page.
  await page.goto(`/e/${DEMO.slug}`);
  const form = page.getByRole("form", { name: "Registration" });
  await form.getByLabel("Your name").fill("Cass Policy");
  const cassEmail = `csp-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  await form.getByLabel("Email").fill(cassEmail);
  await form.getByRole("button", { name: /Register|waitlist/ }).click();
  await expect(page).toHaveURL(/\/t\/[A-Za-z0-9]{20,64}/, { timeout: 20_000 });
  await expect(page.getByTestId("ticket-status")).toBeVisible();
  await expectClean(page, watch, "ticket page");
  const ticketToken = new URL(page.url()).pathname.split("/")[2]!;
  recordSecret(ticketToken); // a ticket link lets its holder cancel: it must not reach the log either

  // Signed in: client-side navigation through the dashboard (scripts loaded after the first page) stays clean.
  await signInAsDemo(page);
  await expect(page.getByTestId("registrations-chart")).toBeVisible();
  await expectClean(page, watch, "dashboard");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await page.getByTestId("events").getByRole("link").first().click();
  await expect(page.getByRole("form", { name: "Event details" })).toBeVisible();
  await expectClean(page, watch, "event editor");
  const eventId = new URL(page.url()).pathname.split("/")[3]!;

  // Check-in with the camera scanner. Headless Chromium on Linux has neither a camera nor BarcodeDetector: a canvas
  // stream stands in for the camera and a detector that "reads" the ticket's code for the QR decoder, so the page's
  // own scanner code runs (video element, frame loop, check-in request) under the policy.
  await page.addInitScript((token) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    const context = canvas.getContext("2d")!;
    setInterval(() => context.fillRect(0, 0, 1 + (Date.now() % 63), 64), 50); // a stream only has frames when drawn
    Object.defineProperty(navigator, "mediaDevices", { value: { getUserMedia: () => Promise.resolve(canvas.captureStream(5)) } });
    class FakeDetector {
      static getSupportedFormats = () => Promise.resolve(["qr_code"]);
      detect = () => Promise.resolve([{ rawValue: token }]);
    }
    (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = FakeDetector;
  }, ticketToken);
  await page.goto(`/dashboard/events/${eventId}/check-in`);
  await page.getByRole("button", { name: "Scan QR code" }).click();
  await expect(page.getByTestId("check-in-result")).toContainText("Cass Policy", { timeout: 20_000 });
  await expectClean(page, watch, "check-in with the camera scanner");

  // The mailbox shows captured emails in a sandboxed srcdoc iframe, which inherits the page's policy: the ticket email
  // sent to Cass (a job, so it may take a moment) renders, inline styles and all.
  await expect(async () => {
    await page.goto("/dashboard/mailbox");
    await expect(page.getByTestId("mailbox").locator("li", { hasText: cassEmail }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const email = page.getByTestId("mailbox").locator("li", { hasText: cassEmail }).first();
  await email.locator("summary").click();
  await expect(email.locator("iframe").contentFrame().locator("h1")).toBeVisible();
  await expectClean(page, watch, "mailbox with an email open");
});

test("the policy blocks markup injected into a page, and the check sees it", async ({ page }) => {
  const watch = await watchViolations(page);
  // Stored XSS, simulated: the server's HTML (headers untouched) carries an inline script, an inline event handler and
  // a foreign image that the page's own code never wrote.
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      /<body([^>]*)>/,
      `<body$1><script>window.__injected = true</script><img src="/missing.png" onerror="window.__handler = true" alt=""><img src="https://tracker.example/pixel.gif" alt="">`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect.poll(async () => (await watch.violations()).length).toBeGreaterThanOrEqual(3);
  expect(await page.evaluate(() => [(window as unknown as { __injected?: boolean }).__injected, (window as unknown as { __handler?: boolean }).__handler])).toEqual([undefined, undefined]);
  const violations = (await watch.violations()).join("\n");
  expect(violations).toMatch(/script-src-elem blocked inline/);
  expect(violations).toMatch(/script-src-attr blocked inline/);
  expect(violations).toContain("img-src blocked https://tracker.example/pixel.gif");
});

test("the cookies the app sets are HttpOnly, Secure, SameSite=Lax, Path=/ and expire", async ({ page }) => {
  test.slow();
  const setCookies: string[] = [];
  page.on("response", async (response) => {
    for (const { name, value } of await response.headersArray().catch(() => [])) if (name.toLowerCase() === "set-cookie") setCookies.push(value);
  });
  const id = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Coco Cookie");
  await page.getByLabel("Email").fill(`coco-${id}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });
  await page.getByLabel("Organization name").fill(`Cookie Jar ${id}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/onboarding\/event$/, { timeout: 30_000 });
  await recordSessionCookie(page.context());

  const cookie = (name: string) => setCookies.filter((c) => c.startsWith(`${name}=`) && !/Max-Age=0\b/i.test(c)).at(-1);
  const flags = (header: string | undefined) => new Map((header ?? "").split(/;\s*/).slice(1).map((part) => [part.split("=")[0]!.toLowerCase(), part.split("=")[1] ?? ""]));
  const session = flags(cookie("eventline_session"));
  expect([...session.keys()].sort()).toEqual(["expires", "httponly", "max-age", "path", "samesite", "secure"]);
  expect(session.get("path")).toBe("/");
  expect(session.get("samesite")?.toLowerCase()).toBe("lax");
  expect(Number(session.get("max-age"))).toBeGreaterThan(29 * 86_400);
  expect(Number(session.get("max-age"))).toBeLessThanOrEqual(30 * 86_400);
  const organization = flags(cookie("eventline_org"));
  expect([...organization.keys()].sort()).toEqual(["expires", "httponly", "max-age", "path", "samesite", "secure"]);
  expect(organization.get("samesite")?.toLowerCase()).toBe("lax");
  // Nothing else: every cookie the app sets is one of these two.
  expect(new Set(setCookies.map((c) => c.split("=")[0]))).toEqual(new Set(["eventline_session", "eventline_org"]));

  // Signing out expires the session cookie with the same flags.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  const cleared = setCookies.filter((c) => c.startsWith("eventline_session=") && /Max-Age=0\b/i.test(c)).at(-1);
  expect(cleared).toMatch(/Max-Age=0/i);
  expect(cleared).toMatch(/HttpOnly/i);
  expect(cleared).toMatch(/Secure/i);
  expect((await page.context().cookies()).find((c) => c.name === "eventline_session")).toBeUndefined();
});
