import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { day, organizerKey, post, seriousA11yViolations, unique } from "./helpers";

/**
 * The organizer's attendee pages: a registration on the public page appears live on the open attendees page (two
 * browser contexts); check-in mode checks a ticket in and says so, then says when on a second scan; a CSV of 1,000
 * rows imports with a progress bar and ends with the right counts and the failing rows listed. Axe finds no serious
 * or critical violations on either page; screenshots (desktop and 375 px) are kept under test-results/.
 */

async function publishedEvent(request: APIRequestContext, key: string, id: string, capacity: number) {
  const startsAt = new Date(Date.now() + 7 * day);
  startsAt.setUTCHours(8, 0, 0, 0);
  const event = await post<{ id: string; slug: string }>(request, key, "/api/v1/events", {
    title: `Summit ${id}`,
    slug: `summit-${id}`.toLowerCase(),
    venue: "Hall 1, Berlin",
    timezone: "Europe/Berlin",
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
    capacity,
  });
  return event;
}

async function noSeriousViolations(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `test-results/${name}-desktop.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: `test-results/${name}-375.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test("a registration on the public page appears live on the open attendees page, and check-in mode checks the ticket in once", async ({ page, browser, request }) => {
  test.slow();
  const id = unique();
  const key = await organizerKey(page, id, `Attendees ${id}`);
  const event = await publishedEvent(request, key, id, 50);
  await post(request, key, `/api/v1/events/${event.id}/publish`);
  const shirt = await post<{ id: string }>(request, key, `/api/v1/events/${event.id}/questions`, { label: "T-shirt size", kind: "choice", options: ["S", "M", "L"] });
  await post(request, key, `/api/v1/events/${event.id}/registrations`, { name: "Early Bird", email: `early-${id}@example.test`, answers: { [shirt.id]: "M" } });

  // The organizer's attendees page is open and live; a registration's answers show under the name.
  await page.goto(`/dashboard/events/${event.id}/attendees`);
  await expect(page.getByRole("heading", { level: 1, name: "Attendees" })).toBeVisible();
  await expect(page.getByTestId("attendee-row")).toHaveCount(1);
  await expect(page.getByTestId("attendee-row").getByTestId("attendee-answers")).toHaveText("T-shirt size: M");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  // An attendee registers on the public page, in another browser context.
  const attendee = await (await browser.newContext()).newPage();
  await attendee.goto(`/e/${event.slug}`);
  const form = attendee.getByRole("form", { name: "Registration" });
  await form.getByLabel("Your name").fill("Live Larissa");
  await form.getByLabel("Email").fill(`larissa-${id}@example.test`);
  await form.getByRole("button", { name: "Register" }).click();
  await expect(attendee).toHaveURL(/\/t\/[A-Za-z0-9]{20,64}\?new=1$/);
  const ticketToken = new URL(attendee.url()).pathname.split("/")[2]!;

  // …and shows up on the organizer's page without a reload, newest first, with the counts updated.
  const rows = page.getByTestId("attendee-row");
  await expect(rows).toHaveCount(2, { timeout: 15_000 });
  await expect(rows.first()).toContainText("Live Larissa");
  await expect(page.getByTestId("attendee-counts")).toContainText("2 / 50");

  // Search narrows the table on the server.
  await page.getByLabel("Search").fill("larissa");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`larissa-${id}@example.test`);
  await page.getByLabel("Search").fill("");
  await expect(rows).toHaveCount(2);
  await noSeriousViolations(page);
  await screenshots(page, "attendees-live");

  // Check-in mode: the ticket code checks Larissa in; the second time says when.
  await page.goto(`/dashboard/events/${event.id}/check-in`);
  await expect(page.getByRole("heading", { level: 1, name: "Check-in" })).toBeVisible();
  await page.getByLabel("Ticket code").fill(ticketToken);
  await page.getByRole("button", { name: "Check in", exact: true }).click();
  const result = page.getByTestId("check-in-result");
  await expect(result).toHaveAttribute("data-kind", "checked-in");
  await expect(result).toContainText("Checked in: Live Larissa");
  await screenshots(page, "check-in-checked-in");

  await page.getByLabel("Ticket code").fill(`http://localhost/t/${ticketToken}`); // a pasted ticket link works too
  await page.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(result).toHaveAttribute("data-kind", "already");
  await expect(result).toContainText(/Already checked in at \d{2}:\d{2}/);
  await expect(result).toContainText("Europe/Berlin");
  await screenshots(page, "check-in-already");

  await page.getByLabel("Ticket code").fill("A".repeat(32));
  await page.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(result).toHaveAttribute("data-kind", "not-found");
  await expect(result).toContainText("Not found");

  // Search by name and tap: Early Bird is checked in too.
  await page.getByLabel("Search by name").fill("early");
  await page.getByTestId("check-in-results").getByRole("button", { name: /Early Bird/ }).click();
  await expect(result).toContainText("Checked in: Early Bird");
  await expect(page.getByTestId("checked-in-count")).toContainText("2 of 2");
  await noSeriousViolations(page);

  // The attendees page shows both as checked in.
  await page.goto(`/dashboard/events/${event.id}/attendees`);
  await expect(page.getByTestId("attendee-counts")).toContainText("Checked in2");
});

test("a CSV of 1,000 rows imports with a progress bar and ends with the right counts and the failed rows", async ({ page, request }) => {
  test.setTimeout(240_000);
  const id = unique();
  const key = await organizerKey(page, id, `Attendees ${id}`);
  const event = await publishedEvent(request, key, id, 990);
  await post(request, key, `/api/v1/events/${event.id}/questions`, { label: "Company", kind: "text", required: true });
  await post(request, key, `/api/v1/events/${event.id}/publish`);

  // 1,000 rows: 5 invalid (lines 11, 201, 402, 603, 1001), one email twice (line 900 repeats line 3), the rest valid.
  const lines = ["name,email,phone,Company"];
  for (let i = 0; i < 1_000; i++) {
    const line = i + 2;
    if (line === 11) lines.push(`,nameless-${i}@example.test,,Acme`);
    else if (line === 201) lines.push(`Bad Email ${i},not-an-email,,Acme`);
    else if (line === 402) lines.push(`Bad Phone ${i},phone-${i}@example.test,030 1234,Acme`);
    else if (line === 603) lines.push(`No Company ${i},company-${i}@example.test,,`);
    else if (line === 1001) lines.push(`"Quoted, Name ${i}",,+14155550100,Acme`);
    else if (line === 900) lines.push(`Person 1 again,person-1-${id}@example.test,,Acme`);
    else lines.push(`Person ${i},person-${i}-${id}@example.test,${i % 3 === 0 ? "+4930123456" + String(i % 10) : ""},Company ${i % 7}`);
  }
  const csv = lines.join("\n");

  await page.goto(`/dashboard/events/${event.id}/attendees`);
  await expect(page.getByRole("heading", { name: "Import from CSV" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "attendees.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const started = Date.now();
  await page.getByRole("button", { name: "Import 1000 rows" }).click();

  const progress = page.getByRole("progressbar");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuemax", "1000");
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 30_000 }).toBeGreaterThan(0);
  await screenshots(page, "import-progress");
  await expect(progress).toHaveAttribute("aria-valuenow", "1000", { timeout: 200_000 });
  console.log(`1,000-row import finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const counts = page.getByTestId("import-counts");
  await expect(counts.locator('[data-outcome="created"] dd')).toHaveText("990");
  await expect(counts.locator('[data-outcome="waitlisted"] dd')).toHaveText("4");
  await expect(counts.locator('[data-outcome="existing"] dd')).toHaveText("1");
  await expect(counts.locator('[data-outcome="error"] dd')).toHaveText("5");
  const failures = page.getByTestId("import-failures").locator("tbody tr");
  await expect(failures).toHaveCount(5);
  await expect(failures.nth(0)).toContainText("11");
  await expect(failures.nth(0)).toContainText("name: Enter your name.");
  await expect(failures.nth(1)).toContainText("email: Enter a valid email address.");
  await expect(failures.nth(2)).toContainText("phone: Enter the phone number with its country code");
  await expect(failures.nth(3)).toContainText("Company: Answer “Company”.");
  await expect(failures.nth(4)).toContainText("1001");
  await expect(page.getByTestId("attendee-counts")).toContainText("990 / 990");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download error report" }).click()]);
  expect(download.suggestedFilename()).toBe("import-errors.csv");
  await noSeriousViolations(page);
  await screenshots(page, "import-done");

  // Uploading the same file again registers nobody twice.
  await page.getByLabel("CSV file").setInputFiles({ name: "attendees.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import 1000 rows" }).click();
  await expect(progress).toHaveAttribute("aria-valuenow", "1000", { timeout: 200_000 });
  await expect(counts.locator('[data-outcome="existing"] dd')).toHaveText("995");
  await expect(counts.locator('[data-outcome="created"] dd')).toHaveText("0");
});
