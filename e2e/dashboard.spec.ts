import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";

// The machine running these is shared and busy: give each expectation more than the default 5 s.
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * The organizer's dashboard journeys: (a) sign up → organization → first event with a keynote session, FAQs and a
 * registration question → publish → the public page shows the keynote; (f) a staff member cannot reach API keys or
 * team management, neither through the UI nor by URL. Screenshots (desktop and 375 px) go to test-results/dashboard/.
 */
const password = "correct horse battery staple";
// Sign-up hashes a password (argon2id) and the first visit to each page may compile caches: allow for a busy machine.
const slow = { timeout: 20_000 };
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** A full-page screenshot at desktop width and at 375 px (a small phone), then back to the original viewport. */
async function shoot(page: Page, name: string) {
  const original = page.viewportSize();
  await page.screenshot({ path: `test-results/dashboard/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: `test-results/dashboard/${name}-375.png`, fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(375);
  if (original) await page.setViewportSize(original);
}

async function signUp(page: Page, name: string, email: string) {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function organizer(page: Page, id: string, orgName: string) {
  await page.goto("/sign-up");
  await signUp(page, "Olivia Organizer", `olivia-${id}@example.test`);
  await expect(page).toHaveURL(/\/onboarding$/, slow);
  await page.getByLabel("Organization name").fill(orgName);
  await page.getByLabel("Default time zone").selectOption("Europe/Lisbon");
  await page.getByRole("button", { name: "Create organization" }).click();
  // Onboarding's step 2 proposes the first event; these journeys skip it and come back from the overview.
  await expect(page).toHaveURL(/\/onboarding\/event$/, slow);
  await expect(page.getByRole("listitem").filter({ hasText: "Your organization" })).toContainText("✓");
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, slow);
}

test("(a) an organizer signs up, creates an event with a keynote and FAQs, publishes it, and the public page shows the keynote", async ({ page }) => {
  test.slow();
  const id = unique();
  await organizer(page, id, `Harbour Talks ${id}`);

  // A new organization's overview leads to the first event.
  await expect(page.getByRole("heading", { name: "Next: create your first event" })).toBeVisible();
  await expect(page.getByTestId("stat-registrations")).toContainText("0");
  await shoot(page, "overview-new-organization");
  await page.getByRole("link", { name: "Create your first event" }).first().click();
  await expect(page).toHaveURL(/\/onboarding\/event$/, slow);
  await expect(page.getByRole("heading", { name: "Create your first event" })).toBeVisible();
  await page.getByLabel("Capacity").fill("0");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("At least one seat.")).toBeVisible();
  await page.getByLabel("Capacity").fill("120");
  await page.getByLabel("Venue").fill("Pier 4, Lisbon");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("Give the event a title.")).toBeVisible();
  await expect(page.getByLabel("Venue")).toHaveValue("Pier 4, Lisbon");
  await page.getByLabel("Title").fill(`Harbour Summit ${id}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/dashboard\/events\/evt_[A-Za-z0-9]{22}$/, slow);
  await expect(page.getByRole("heading", { level: 1, name: `Harbour Summit ${id}` })).toBeVisible();
  const eventUrl = page.url();
  // An event id this organization does not have: the dashboard's own "not found", its navigation kept.
  await page.goto("/dashboard/events/evt_0000000000000000000000");
  await expect(page.getByRole("heading", { level: 1, name: "Event not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
  await page.goto(eventUrl);

  // Details: a field error keeps what was typed.
  const details = page.getByRole("form", { name: "Event details" });
  await details.getByLabel("Title").fill(`Harbour Summit ${id}`);
  await details.getByLabel("Online URL").fill("not a url");
  await details.getByLabel("Description").fill("Two days of talks by the water.");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByLabel("Online URL")).toHaveAttribute("aria-invalid", "true");
  await expect(details.getByLabel("Description")).toHaveValue("Two days of talks by the water.");
  await details.getByLabel("Online URL").fill("");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Details saved." })).toBeVisible();

  // Schedule: the keynote, after a validation error that keeps the typed title.
  const schedule = page.locator("#schedule");
  await schedule.getByText("Add a session").click();
  let session = schedule.getByRole("form", { name: "New session" });
  const day = (await session.getByLabel("Starts").inputValue()).slice(0, 10);
  await session.getByLabel("Session title").fill("Opening keynote");
  await session.getByLabel("Speaker").fill("Ada Lovelace");
  await session.getByLabel("Keynote").check();
  await session.getByLabel("Ends").fill(`${day}T08:00`);
  await session.getByRole("button", { name: "Add session" }).click();
  await expect(session.getByText("The session must end after it starts.")).toBeVisible();
  await expect(session.getByLabel("Session title")).toHaveValue("Opening keynote");
  await session.getByLabel("Ends").fill(`${day}T10:00`);
  await session.getByRole("button", { name: "Add session" }).click();
  await expect(schedule.getByTestId("sessions")).toContainText("Opening keynote");
  await expect(schedule.getByTestId("sessions").locator("[data-keynote]")).toContainText("keynote");
  session = schedule.getByRole("form", { name: "New session" });
  await session.getByLabel("Session title").fill("Coffee");
  await session.getByLabel("Starts").fill(`${day}T10:00`);
  await session.getByLabel("Ends").fill(`${day}T10:30`);
  await session.getByRole("button", { name: "Add session" }).click();
  await expect(schedule.getByTestId("sessions").locator("li")).toHaveCount(2);
  // Delete (with a confirmation dialog) the coffee break.
  await schedule.getByRole("button", { name: "Delete the session “Coffee”" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this session?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Go back" })).toBeFocused();
  await dialog.getByRole("button", { name: "Delete session" }).click();
  await expect(schedule.getByTestId("sessions").locator("li")).toHaveCount(1);

  // FAQs: two, one edited.
  const faqs = page.locator("#faqs");
  await faqs.getByText("Add a FAQ").click();
  const newFaq = faqs.getByRole("form", { name: "New FAQ" });
  await newFaq.getByLabel("Question").fill("Is there parking?");
  await newFaq.getByLabel("Answer").fill("No, take the ferry.");
  await newFaq.getByRole("button", { name: "Add FAQ" }).click();
  await expect(faqs.getByTestId("faqs")).toContainText("Is there parking?");
  await newFaq.getByLabel("Question").fill("Is lunch included?");
  await newFaq.getByLabel("Answer").fill("Yes, both days.");
  await newFaq.getByRole("button", { name: "Add FAQ" }).click();
  await expect(faqs.getByTestId("faqs")).toContainText("Is lunch included?");
  await faqs.getByRole("button", { name: "Edit the FAQ “Is there parking?”" }).click();
  const editFaq = faqs.getByRole("form", { name: "Edit FAQ Is there parking?" });
  await editFaq.getByLabel("Answer").fill("Yes, behind Pier 4.");
  await editFaq.getByRole("button", { name: "Save FAQ" }).click();
  await expect(faqs.getByTestId("faqs")).toContainText("Yes, behind Pier 4.");

  // A registration question: a choice needs two options.
  const questions = page.locator("#questions");
  await questions.getByText("Add a question").click();
  const newQuestion = questions.getByRole("form", { name: "New question" });
  await newQuestion.getByLabel("Question label").fill("Lunch preference");
  await newQuestion.getByLabel("Answer type").selectOption("choice");
  await newQuestion.getByLabel("Options").fill("Fish");
  await newQuestion.getByRole("button", { name: "Add question" }).click();
  await expect(newQuestion.getByText("A choice needs at least two different options.")).toBeVisible();
  await newQuestion.getByLabel("Options").fill("Fish\nVegetarian");
  await newQuestion.getByLabel("Required").check();
  await newQuestion.getByRole("button", { name: "Add question" }).click();
  await expect(questions.getByTestId("questions")).toContainText("Lunch preference");
  await expect(questions.getByTestId("questions")).toContainText("Fish · Vegetarian");
  await shoot(page, "event-editor-draft");

  // Publish, through the confirmation.
  await page.getByRole("button", { name: "Publish" }).click();
  const publish = page.getByRole("dialog", { name: `Publish “Harbour Summit ${id}”?` });
  await expect(publish).toContainText("registration opens");
  await shoot(page, "publish-dialog");
  await publish.getByRole("button", { name: "Publish event" }).click();
  await expect(publish).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("published");
  const href = await page.getByRole("link", { name: /Public page/ }).getAttribute("href");
  expect(href).toMatch(/^\/e\/[a-z0-9-]+$/);

  // The cancel dialog says attendees are emailed; backing out changes nothing.
  await page.getByRole("button", { name: "Cancel event" }).click();
  const cancel = page.getByRole("dialog", { name: `Cancel “Harbour Summit ${id}”?` });
  await expect(cancel).toContainText("emailed");
  await page.keyboard.press("Escape");
  await expect(cancel).toBeHidden();
  await expect(page.getByRole("button", { name: "Cancel event" })).toBeFocused();

  // The events list shows it as published.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByTestId("events")).toContainText(`Harbour Summit ${id}`);
  const filters = page.getByRole("navigation", { name: "Filter by status" });
  await filters.getByRole("link", { name: "Drafts" }).click();
  await expect(page.getByText("No draft events")).toBeVisible();
  await filters.getByRole("link", { name: "Published" }).click();
  await expect(page.getByTestId("events").getByText("published")).toBeVisible();
  await shoot(page, "events-list");

  // The public page shows the keynote.
  await page.goto(href!);
  await expect(page.getByRole("heading", { level: 1, name: `Harbour Summit ${id}` })).toBeVisible();
  const keynote = page.getByTestId("schedule").locator("li[data-keynote]");
  await expect(keynote).toContainText("Opening keynote");
  await expect(keynote).toContainText("Ada Lovelace");
  await page.getByText("Is there parking?").click();
  await expect(page.getByText("Yes, behind Pier 4.")).toBeVisible();
  await shoot(page, "public-page");

  // A draft made by mistake is deleted (not cancelled: nobody has seen it), through a confirmation.
  await page.goto("/dashboard/events/new");
  await page.getByLabel("Title").fill(`Scratch ${id}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Scratch ${id}` })).toBeVisible(slow);
  await expect(page.getByRole("button", { name: "Cancel event" })).toHaveCount(0);
  await page.getByRole("button", { name: "Delete draft" }).click();
  await page.getByRole("dialog", { name: `Delete “Scratch ${id}”?` }).getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(/\/dashboard\/events$/, slow);
  await expect(page.getByTestId("events")).toContainText(`Harbour Summit ${id}`);
  await expect(page.getByTestId("events")).not.toContainText(`Scratch ${id}`);
});

/** The owner invites a staff member, who signs up in a browser of their own and accepts; returns their page. */
async function staffMember(page: Page, browser: Browser, id: string, orgName: string): Promise<Page> {
  const email = `sam-${id}@example.test`;
  await page.goto("/dashboard/team");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("staff");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await page.goto("/dashboard/mailbox");
  const mail = page.getByTestId("mailbox").locator("li", { hasText: email });
  await mail.locator("summary").click();
  const text = await mail.getByTestId("email-text").textContent();
  const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9]+/.exec(text ?? "")?.[0];
  expect(link, `invitation link in: ${text}`).toBeTruthy();

  const staff = await (await browser.newContext()).newPage();
  await staff.goto(new URL(link!).pathname);
  await expect(staff.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
  await staff.getByRole("link", { name: "Create an account to accept" }).click();
  await signUp(staff, "Sam Staff", email);
  await staff.getByRole("button", { name: "Accept invitation" }).click();
  await expect(staff).toHaveURL(/\/dashboard$/, slow);
  await expect(staff.getByTestId("current-role")).toHaveText("staff");
  return staff;
}

test("(f) a staff member cannot reach API keys or team management, by UI or by URL", async ({ page, browser }) => {
  test.slow();
  const id = unique();
  const orgName = `Dockside ${id}`;
  await organizer(page, id, orgName);
  await page.goto("/dashboard/events/new");
  await page.getByLabel("Title").fill(`Dockside Meetup ${id}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/dashboard\/events\/evt_/, slow);
  const eventPath = new URL(page.url()).pathname;
  const staff = await staffMember(page, browser, id, orgName);

  // No way there in the UI.
  const nav = staff.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link", { name: "Events" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(staff.getByRole("link", { name: "Invite your team" })).toHaveCount(0);
  await expect(staff.getByRole("link", { name: "New event" })).toHaveCount(0);
  await shoot(staff, "overview-staff");

  await nav.getByRole("link", { name: "Team" }).click();
  await expect(staff.getByTestId("members")).toContainText("Olivia Organizer");
  await expect(staff.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Change" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(staff.getByRole("button", { name: "Save" })).toHaveCount(0);

  // The event editor is read-only for staff.
  await staff.goto(eventPath);
  await expect(staff.getByRole("heading", { level: 1, name: `Dockside Meetup ${id}` })).toBeVisible();
  await expect(staff.getByTestId("event-actions").getByRole("button")).toHaveCount(0);
  await expect(staff.getByRole("button", { name: /^(Edit|Delete|Save details)/ })).toHaveCount(0);
  await expect(staff.getByText("Add a session")).toHaveCount(0);

  // Nor by URL: the pages say so, and the API refuses.
  await staff.goto("/dashboard/api-keys");
  await expect(staff.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
  await expect(staff.getByText("Your role cannot open the API keys page")).toBeVisible();
  await expect(staff.getByLabel("Name")).toHaveCount(0);
  await shoot(staff, "forbidden-api-keys");
  await staff.goto("/dashboard/audit");
  await expect(staff.getByText("Your role cannot open the audit log page")).toBeVisible();
  await staff.goto("/dashboard/events/new");
  await expect(staff.getByText("Your role cannot open the new event page")).toBeVisible();
  expect((await staff.request.get("/api/v1/api-keys")).status()).toBe(403);
  expect((await staff.request.post("/api/v1/invitations", { data: { email: `x-${id}@example.test`, role: "admin" }, headers: { origin: new URL(staff.url()).origin } })).status()).toBe(403);
  await staff.goto("/dashboard/team");
  await expect(staff.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await staff.context().close();
});
