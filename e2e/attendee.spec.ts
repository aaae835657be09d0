import { expect, test, type Browser, type Page } from "@playwright/test";
import { PUBLIC_REGISTRATIONS_PER_MINUTE } from "./settings";
import { day, organizerKey, post, unique } from "./helpers";

/**
 * The attendee journey: an organizer sets an event up through /api/v1 (with a key made in the dashboard); attendees
 * open /e/<slug>, see the keynote highlighted, register, land on a ticket with a QR code, download the calendar file,
 * and cancel through the confirmation step — the last seat, the waitlist and the promotion that follows included.
 */

/** Fills and sends the public registration form; returns the ticket page's token when it lands there. */
async function register(page: Page, name: string, email: string, button: "Register" | "Full — join the waitlist" = "Register"): Promise<string> {
  const form = page.getByRole("form", { name: "Registration" });
  await form.getByLabel("Your name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(/\/t\/[A-Za-z0-9]{20,64}\?new=1$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

async function attendee(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("attendees register, get a QR ticket and a calendar file, cancel with a confirmation, and the waitlist moves up", async ({ page, browser, request }) => {
  test.slow();
  const id = unique();
  const key = await organizerKey(page, id, `Attendee journey ${id}`);

  const slug = `launch-${id}`.toLowerCase();
  const startsAt = new Date(Date.now() + 7 * day);
  startsAt.setUTCHours(8, 0, 0, 0);
  const at = (hours: number) => new Date(startsAt.getTime() + hours * 3_600_000).toISOString();
  const event = await post<{ id: string; slug: string }>(request, key, "/api/v1/events", {
    title: `Launch ${id}`,
    slug,
    description: "A day about launches.",
    venue: "Hall 1, Berlin",
    timezone: "Europe/Berlin",
    startsAt: at(0),
    endsAt: at(8),
    capacity: 2,
  });
  await post(request, key, `/api/v1/events/${event.id}/sessions`, { title: "Doors open", startsAt: at(0), endsAt: at(1) });
  await post(request, key, `/api/v1/events/${event.id}/sessions`, { title: "Opening keynote", speaker: "Ada Lovelace", startsAt: at(1), endsAt: at(2), isKeynote: true });
  await post(request, key, `/api/v1/events/${event.id}/faqs`, { question: "Is there parking?", answer: "Yes, behind the hall." });

  // A draft is not public yet.
  const first = await attendee(browser);
  expect((await first.goto(`/e/${slug}`))!.status()).toBe(404);
  await post(request, key, `/api/v1/events/${event.id}/publish`);

  // The public page: times in the event's zone, the keynote highlighted, FAQs, seats left.
  expect((await first.goto(`/e/${slug}`))!.status()).toBe(200);
  await expect(first.getByRole("heading", { level: 1, name: `Launch ${id}` })).toBeVisible();
  await expect(first).toHaveTitle(new RegExp(`Launch ${id}`));
  await expect(first.locator('meta[property="og:title"]')).toHaveAttribute("content", `Launch ${id}`);
  await expect(first.getByText("Times in", { exact: false })).toContainText("Europe/Berlin");
  const keynote = first.getByTestId("schedule").locator("li[data-keynote]");
  await expect(keynote).toHaveCount(1);
  await expect(keynote).toContainText("Opening keynote");
  await expect(keynote).toContainText("Keynote");
  await first.getByText("Is there parking?").click();
  await expect(first.getByText("Yes, behind the hall.")).toBeVisible();
  await expect(first.getByTestId("seats-left")).toHaveText("2 seats left");

  // Register → the ticket, with a QR code of the ticket token.
  const firstToken = await register(first, "Ann Attendee", `ann-${id}@example.test`);
  await expect(first.getByText("You’re registered!")).toBeVisible();
  await expect(first.getByTestId("attendee-name")).toHaveText("Ann Attendee");
  await expect(first.getByTestId("ticket-qr")).toBeVisible();
  await expect(first.getByTestId("ticket-qr")).toHaveAttribute("data-value", firstToken);
  await expect(first.getByRole("img", { name: /Check-in QR code/ })).toBeVisible();

  // Add to calendar: a download named after the event, served as text/calendar.
  const [download] = await Promise.all([first.waitForEvent("download"), first.getByRole("link", { name: "Add to calendar" }).click()]);
  expect(download.suggestedFilename()).toBe(`${slug}.ics`);
  const ics = await first.request.get(`/t/${firstToken}/event.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(ics.headers()["content-disposition"]).toBe(`attachment; filename="${slug}.ics"`);
  const calendar = await ics.text();
  expect(calendar.startsWith("BEGIN:VCALENDAR")).toBe(true);
  expect(calendar).toContain(`SUMMARY:Launch ${id}`);

  // The second attendee takes the last seat; registering with the same email again does not reveal that ticket.
  const second = await attendee(browser);
  await second.goto(`/e/${slug}`);
  await expect(second.getByTestId("seats-left")).toHaveText("1 seat left");
  const secondToken = await register(second, "Ben Booker", `ben-${id}@example.test`);
  await expect(second.getByTestId("ticket-status")).toHaveAttribute("data-status", "confirmed");
  expect(secondToken).not.toBe(firstToken);
  await second.goto(`/e/${slug}`);
  const form = second.getByRole("form", { name: "Registration" });
  await form.getByLabel("Your name").fill("Someone else");
  await form.getByLabel("Email").fill(`ben-${id}@example.test`);
  await form.getByRole("button", { name: "Full — join the waitlist" }).click();
  await expect(second.getByText("already registered")).toBeVisible();
  await expect(second).toHaveURL(new RegExp(`/e/${slug}$`));
  await expect(form.getByLabel("Email")).toHaveValue(`ben-${id}@example.test`); // kept, in case it was a typo
  await expect(form.getByLabel("Your name")).toHaveValue("Someone else");

  // The third is waitlisted.
  const third = await attendee(browser);
  await third.goto(`/e/${slug}`);
  await expect(third.getByRole("button", { name: "Full — join the waitlist" })).toBeVisible();
  const thirdToken = await register(third, "Cleo Waiting", `cleo-${id}@example.test`, "Full — join the waitlist");
  await expect(third.getByTestId("waitlist-position")).toHaveText("You’re #1 on the waitlist");
  await expect(third.getByTestId("ticket-qr")).toHaveCount(0);

  // The first cancels — only after confirming — and the third moves up.
  await first.goto(`/t/${firstToken}`);
  await first.getByRole("link", { name: "Cancel my registration" }).click();
  await expect(first.getByRole("heading", { name: "Cancel your registration?" })).toBeVisible();
  await first.getByRole("link", { name: "Keep my registration" }).click();
  await expect(first.getByTestId("ticket-status")).toHaveAttribute("data-status", "confirmed");
  await first.getByRole("link", { name: "Cancel my registration" }).click();
  await first.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(first).toHaveURL(new RegExp(`/t/${firstToken}\\?cancelled=1$`));
  await expect(first.getByTestId("ticket-status")).toHaveAttribute("data-status", "cancelled");
  await expect(first.getByText("This registration is cancelled.")).toBeVisible();
  await expect(first.getByRole("link", { name: "Cancel my registration" })).toHaveCount(0);

  await third.goto(`/t/${thirdToken}`);
  await expect(third.getByTestId("ticket-status")).toHaveAttribute("data-status", "confirmed");
  await expect(third.getByTestId("ticket-qr")).toHaveAttribute("data-value", thirdToken);

  // The emails, as the organizer's API and mailbox show them: Ann's confirmation links her ticket and the calendar
  // file, then her cancellation; Cleo was told she was waitlisted, then promoted.
  type Email = { id: string; template: string; text: string; status: string; attachments: { filename: string; contentType: string; size: number }[] };
  const emailsTo = async (address: string) => {
    const response = await request.get(`/api/v1/emails?to=${encodeURIComponent(address)}`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: Email[] }).data;
  };
  const ann = await emailsTo(`ann-${id}@example.test`);
  expect(ann.map((e) => e.template).sort()).toEqual(["registrationCancelled", "registrationConfirmed"]);
  const confirmation = ann.find((e) => e.template === "registrationConfirmed")!;
  expect(confirmation.text).toContain(`/t/${firstToken}`);
  expect(confirmation.text).toContain(`/t/${firstToken}/event.ics`);
  expect(confirmation.attachments).toEqual([{ filename: "event.ics", contentType: "text/calendar; charset=utf-8", size: expect.any(Number) as unknown }]);
  expect((await emailsTo(`cleo-${id}@example.test`)).map((e) => e.template).sort()).toEqual(["registrationPromoted", "registrationWaitlisted"]);
  await page.goto("/dashboard/mailbox");
  await expect(page.getByTestId("mailbox")).toContainText(`ann-${id}@example.test`);
  // In the mailbox, the confirmation carries the calendar invite; its content is the event, starting when it starts.
  const annConfirmation = page.getByTestId("mailbox").locator("li").filter({ hasText: `ann-${id}@example.test` }).filter({ hasText: "registered" }).first();
  await annConfirmation.locator("summary").click();
  const attachment = annConfirmation.getByTestId("email-attachment");
  await expect(attachment).toHaveCount(1);
  await expect(attachment).toContainText("event.ics");
  const href = (await attachment.getAttribute("href"))!;
  expect(href).toBe(`/dashboard/mailbox/${confirmation.id}/attachments/0`);
  const file = await page.request.get(href);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const invite = await file.text();
  expect(invite.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(invite).toContain(`DTSTART:${startsAt.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "")}\r\n`);
  expect(invite).toContain(`SUMMARY:Launch ${id}`);
  // Only members of the organization get it: an attendee's browser (no session) does not.
  const stranger = await third.request.get(href, { maxRedirects: 0 });
  expect(stranger.status()).not.toBe(200);
  expect(await stranger.text()).not.toContain("VCALENDAR");

  // Unknown addresses are 404s.
  expect((await third.goto(`/e/no-such-event-${id}`))!.status()).toBe(404);
  expect((await third.goto(`/t/${"A".repeat(32)}`))!.status()).toBe(404);
  await expect(third.getByRole("heading", { name: "This ticket link does not work" })).toBeVisible();
  expect((await third.request.get(`/t/${"A".repeat(32)}/event.ics`)).status()).toBe(404);

  // The organizer cancels the event: a confirmed ticket says so instead of "Confirmed", and shows no check-in code.
  await post(request, key, `/api/v1/events/${event.id}/cancel`);
  await third.goto(`/t/${thirdToken}`);
  await expect(third.getByTestId("ticket-status")).toContainText("Event cancelled");
  await expect(third.getByTestId("ticket-status")).not.toContainText("Confirmed");
  await expect(third.getByTestId("ticket-qr")).toHaveCount(0);
});

test("the public form limits registrations per client address", async ({ page, browser, request }) => {
  test.setTimeout(180_000); // up to a minute waiting for an early point in a minute, then limit + 1 registrations
  const limit = Number(PUBLIC_REGISTRATIONS_PER_MINUTE);
  const id = unique();
  const key = await organizerKey(page, id, `Attendee journey ${id}`);
  const start = new Date(Date.now() + 7 * day).toISOString();
  const end = new Date(Date.now() + 7 * day + 3_600_000).toISOString();
  const event = await post<{ id: string; slug: string }>(request, key, "/api/v1/events", { title: `Popular ${id}`, timezone: "UTC", startsAt: start, endsAt: end, capacity: 100 });
  await post(request, key, `/api/v1/events/${event.id}/publish`);

  // One client (as the proxy names it in X-Forwarded-For) sending limit + 1 registrations at once, early in a minute:
  // the limit counts fixed one-minute windows, so all of them land in one window however slow the machine is, and
  // exactly one is refused.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 20_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 500));
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200) + 1}` } });
  const tabs = await Promise.all(Array.from({ length: limit + 1 }, () => context.newPage()));
  await Promise.all(tabs.map((tab) => tab.goto(`/e/${event.slug}`)));
  const outcomes = await Promise.all(
    tabs.map(async (tab, i) => {
      const form = tab.getByRole("form", { name: "Registration" });
      await form.getByLabel("Your name").fill(`Repeat ${i}`);
      await form.getByLabel("Email").fill(`repeat-${id}-${i}@example.test`);
      await form.getByRole("button", { name: "Register" }).click();
      const refusal = tab.getByRole("alert").filter({ hasText: "Too many requests" });
      await expect(tab.getByTestId("ticket-status").or(refusal)).toBeVisible({ timeout: 60_000 });
      return (await refusal.isVisible()) ? "refused" : "accepted";
    }),
  );
  expect(outcomes.filter((o) => o === "refused")).toHaveLength(1);
  expect(outcomes.filter((o) => o === "accepted")).toHaveLength(limit);
  const client = tabs[outcomes.indexOf("refused")]!;
  await expect(client).toHaveURL(new RegExp(`/e/${event.slug}$`));
  // Another client is not affected.
  const other = await attendee(browser);
  await other.goto(`/e/${event.slug}`);
  await register(other, "Someone else", `else-${id}@example.test`);
  await context.close();
});
