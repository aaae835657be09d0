import { expect, test, type Page } from "@playwright/test";

/**
 * The identity journey in local-accounts mode: sign up → create an organization → dashboard shell → invite a
 * teammate (the email is captured in the mailbox) → the teammate signs up from the link, accepts, and sees what
 * their role allows — and not more.
 */
const password = "correct horse battery staple";
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function signUp(page: Page, name: string, email: string) {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("sign up, create an organization, invite a teammate who accepts and sees their role's view", async ({ page, browser }) => {
  // Two people sign up (argon2 hashes), an invitation goes through the mailbox, and every page is loaded cold while the
  // other Playwright worker runs its own journey on the same two cores: a clean-clone run took 32 s of the default 30.
  test.slow();
  const id = unique();
  const ownerEmail = `owner-${id}@example.test`;
  const teammateEmail = `teammate-${id}@example.test`;

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await signUp(page, "Olivia Owner", ownerEmail);

  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole("heading", { name: "Create your organization" })).toBeVisible();
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("Enter a name of at least 2 characters.")).toBeVisible();
  await page.getByLabel("Organization name").fill(`Launch Week ${id}`);
  await page.getByLabel("Default time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Create organization" }).click();

  // Step 2 proposes the first event; skipping it leads to the overview.
  await expect(page).toHaveURL(/\/onboarding\/event$/);
  await expect(page.getByRole("heading", { name: "Create your first event" })).toBeVisible();
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: `Launch Week ${id}` })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("owner");
  await expect(page.getByText("No events yet")).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "eventline_session")).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
  await page.getByLabel("Email").fill(teammateEmail);
  await page.getByLabel("Role").selectOption("staff");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${teammateEmail}.`)).toBeVisible();
  await expect(page.getByTestId("invitations")).toContainText(teammateEmail);

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Mailbox" }).click();
  const email = page.getByTestId("mailbox").locator("li", { hasText: teammateEmail });
  await expect(email).toContainText(`Join Launch Week ${id} on Eventline`);
  await email.locator("summary").click();
  const text = await email.getByTestId("email-text").textContent();
  const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9]+/.exec(text ?? "")?.[0];
  expect(link, `invitation link in: ${text}`).toBeTruthy();

  // The teammate, in a browser of their own.
  const other = await browser.newContext();
  const teammate = await other.newPage();
  await teammate.goto(new URL(link!).pathname);
  await expect(teammate.getByRole("heading", { name: `Join Launch Week ${id}` })).toBeVisible();
  await teammate.getByRole("link", { name: "Create an account to accept" }).click();
  await expect(teammate.getByLabel("Email")).toHaveValue(teammateEmail);
  await signUp(teammate, "Sam Staff", teammateEmail);
  await expect(teammate).toHaveURL(/\/invitations\//);
  await teammate.getByRole("button", { name: "Accept invitation" }).click();

  await expect(teammate).toHaveURL(/\/dashboard$/);
  await expect(teammate.getByTestId("current-role")).toHaveText("staff");
  await expect(teammate.getByTestId("role-permissions")).toContainText("Check people in at the door");
  await expect(teammate.getByTestId("role-permissions")).not.toContainText("Create and revoke API keys");
  const nav = teammate.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link", { name: "Team" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Team" }).click();
  await expect(teammate.getByTestId("members")).toContainText("Olivia Owner");
  await expect(teammate.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await teammate.goto("/dashboard/api-keys");
  await expect(teammate.getByText("Your role cannot open the API keys page")).toBeVisible();

  // The owner sees the teammate joined, and the audit log recorded it.
  await page.goto("/dashboard/team");
  await expect(page.getByTestId("members")).toContainText("Sam Staff");
  await page.goto("/dashboard/audit");
  await expect(page.getByTestId("audit-log")).toContainText("invitation.accepted");
  await other.close();
});

test("wrong passwords get a clear error, and sign-out ends the session", async ({ page }) => {
  const email = `user-${unique()}@example.test`;
  await page.goto("/sign-up");
  await signUp(page, "Pat", email);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill("Pat's meetups");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/onboarding\/event$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?next=/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toHaveText("The email or password is not right.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("an API key created in the dashboard works against /api/v1 and stops working when revoked", async ({ page, request }) => {
  await page.goto("/sign-up");
  await signUp(page, "Ivy Integrator", `ivy-${unique()}@example.test`);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill("Ivy's integrations");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/onboarding\/event$/);
  await page.goto("/dashboard/api-keys");
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await page.getByLabel("Name").fill("CRM sync");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!;
  expect(secret).toMatch(/^evl_/);

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect(me.headers()["ratelimit-limit"]).toBeTruthy();
  expect(((await me.json()) as { data: { organization: { name: string } } }).data.organization.name).toBe("Ivy's integrations");

  page.on("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("api-keys").getByText("revoked", { exact: true })).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Eventline API v1" })).toBeVisible();
  await expect(page.getByText("/api/v1/api-keys/{keyId}")).toBeVisible();
});
