import { createHmac } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { day, password, post, seriousA11yViolations, unique } from "./helpers";

/**
 * Journey (c): an admin has the conversation view open; a correctly signed Twilio webhook "What time is the keynote?"
 * arrives for the event's number; the inbound message and the concierge's reply (with the keynote's time in the
 * event's zone) appear without a reload. Then the webhook inbox lists the delivery as processed, shows its payload
 * decoded, and replays it. Axe checks the pages this slice added; screenshots at desktop and 375 px go to test-results/.
 */
/** The published development token (lib/webhooks/secrets.ts): e2e runs on the embedded database without TWILIO_AUTH_TOKEN. */
const LOCAL_TWILIO_TOKEN = "eventline-local-twilio-auth-token";

/** Twilio's signature: HMAC-SHA1 over the public URL followed by every POST parameter's name and value, sorted by name. */
function twilioSignature(url: string, params: URLSearchParams): string {
  const data = [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).reduce((acc, [k, v]) => acc + k + v, url);
  return createHmac("sha1", LOCAL_TWILIO_TOKEN).update(data, "utf8").digest("base64");
}

async function sendSms(request: APIRequestContext, baseURL: string, from: string, to: string, body: string): Promise<string> {
  const sid = `SM${unique().replace(/[^a-z0-9]/gi, "")}`.padEnd(34, "0").slice(0, 34);
  const params = new URLSearchParams({ MessageSid: sid, SmsMessageSid: sid, AccountSid: "AC00000000000000000000000000000000", From: from, To: to, Body: body, NumMedia: "0", SmsStatus: "received", ApiVersion: "2010-04-01" });
  const url = `${baseURL}/api/webhooks/twilio`;
  // A fresh connection per delivery, as Twilio makes: reusing one that sat idle for the server's 5-s keep-alive
  // timeout while the page caught up raced its close (ECONNRESET in a clean-clone run).
  const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(url, params), connection: "close" };
  const response = await request.post(url, { headers, data: params.toString() });
  expect(response.status(), await response.text()).toBe(200);
  return sid;
}

async function expectNoSeriousA11yViolations(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `test-results/${name}-desktop.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: `test-results/${name}-375.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test("a signed Twilio message and the concierge's reply appear live in the open conversation; the inbox shows and replays the delivery", async ({ page, request, baseURL }) => {
  test.slow();
  const id = unique();
  const phone = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  const attendee = `+4915${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

  // An organizer with an event that has a keynote, and a key to set it up through the API.
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill(`ada-${id}@example.test`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill(`Concierge ${id}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/onboarding\/event$/);
  await page.goto("/dashboard/api-keys");
  await page.getByLabel("Name").fill("e2e setup");
  await page.getByLabel("Scope").selectOption("read_write");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;

  const startsAt = new Date(Date.now() + 10 * day);
  startsAt.setUTCHours(7, 0, 0, 0);
  const at = (hours: number) => new Date(startsAt.getTime() + hours * 3_600_000);
  const event = await post<{ id: string }>(request, key, "/api/v1/events", {
    title: `Summit ${id}`,
    slug: `summit-${id}`.toLowerCase(),
    description: "A day of talks.",
    venue: "Hall 2, Berlin",
    timezone: "Europe/Berlin",
    startsAt: at(0).toISOString(),
    endsAt: at(8).toISOString(),
    capacity: 100,
  });
  await post(request, key, `/api/v1/events/${event.id}/sessions`, { title: "Opening keynote", speaker: "Grace Hopper", startsAt: at(1).toISOString(), endsAt: at(2).toISOString(), isKeynote: true });
  await post(request, key, `/api/v1/events/${event.id}/publish`);
  const keynoteTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(at(1));

  // Settings: map the number to the event (validation first).
  await page.goto("/dashboard/settings");
  const mapping = page.getByRole("form", { name: "Add a phone number" });
  await mapping.getByLabel("Number").fill("12345");
  await mapping.getByRole("button", { name: "Add number" }).click();
  await expect(mapping.getByText(/Use an E\.164 number/)).toBeVisible();
  await mapping.getByLabel("Number").fill(phone);
  await mapping.getByLabel("Event").selectOption(event.id);
  await mapping.getByRole("button", { name: "Add number" }).click();
  await expect(page.getByTestId("phone-numbers")).toContainText(phone);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "settings-phone-numbers");

  // The conversations page is open; the first message creates the thread, which shows up in the list live.
  await page.goto("/dashboard/conversations");
  await expect(page.getByText("No conversations yet")).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expectNoSeriousA11yViolations(page);
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await sendSms(request, baseURL!, attendee, phone, "hello");
  const row = page.getByTestId("conversation-row").filter({ hasText: attendee });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await expect(page).toHaveURL(/\?c=cnv_/);
  const thread = page.getByTestId("thread-messages");
  await expect(thread.getByTestId("thread-message").filter({ hasText: "hello" })).toBeVisible();

  // With the thread open: the keynote question and the concierge's answer appear without a reload.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await sendSms(request, baseURL!, attendee, phone, "What time is the keynote?");
  await expect(thread.locator('[data-direction="inbound"]').filter({ hasText: "What time is the keynote?" })).toBeVisible({ timeout: 20_000 });
  const reply = thread.locator('[data-direction="outbound"]').filter({ hasText: "Opening keynote" });
  await expect(reply).toBeVisible({ timeout: 20_000 });
  await expect(reply).toContainText(keynoteTime);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // A reply by hand appears at once and stays.
  await page.getByLabel("Reply by hand").fill("See you there!");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(thread.locator('[data-direction="outbound"]').filter({ hasText: "See you there!" })).toContainText("by the team");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "conversations-thread");

  // The webhook inbox lists the delivery as processed, shows the decoded form body, and replays it.
  await page.goto("/dashboard/webhooks?topic=message");
  const delivery = page.getByTestId("webhook-row").filter({ hasText: "message" }).first();
  await expect(delivery).toHaveAttribute("data-status", "processed");
  await expectNoSeriousA11yViolations(page);
  await delivery.getByRole("button", { name: /^Payload/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("payload-form")).toContainText("What time is the keynote?");
  await expect(dialog.getByTestId("payload-form")).toContainText("AC00••••0000");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "webhooks-payload");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await delivery.getByRole("button", { name: /^Replay/ }).click();
  await expect(page.getByRole("dialog", { name: "Replay this delivery?" })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByText("Replay started")).toBeVisible();
  await expect(delivery).toHaveAttribute("data-status", "processed", { timeout: 20_000 });
  await expect(delivery).toContainText("2 attempts", { timeout: 20_000 });
  await screenshots(page, "webhooks");

  // The jobs page lists this organization's runs (the webhook's processing among them).
  await page.goto("/dashboard/jobs");
  await expect(page.getByTestId("job-runs")).toContainText("process-webhook");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "jobs");
});
