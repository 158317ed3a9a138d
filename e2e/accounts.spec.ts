import { expect, test, type Page } from "@playwright/test";
import { open, signIn } from "./helpers";

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("sign up, sign out, sign in, and see an empty booking history", async ({ page }) => {
  const email = `fan-${unique()}@example.test`;
  await open(page, "/signup");
  await page.getByLabel("Full name").fill("Neha Kapoor");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mobile number").fill("+91 98200 55555");
  // A weak password is refused with a message next to the field.
  await page.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await page.getByLabel("Password").fill("Monsoon-evening-4");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1/);
  await expect(page.getByRole("heading", { name: "Neha Kapoor" })).toBeVisible();
  await expect(page.getByText("not confirmed yet")).toBeVisible();

  await signOut(page);
  await open(page, "/account/bookings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount%2Fbookings/);

  // Wrong password: a message that does not say whether the email exists.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Monsoon-evening-5");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();

  await page.getByLabel("Password").fill("Monsoon-evening-4");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back where sign-in was asked for.
  await expect(page).toHaveURL(/\/account\/bookings$/);
  await expect(page.getByTestId("no-bookings")).toBeVisible();
});

test("the demo customer sees her seeded bookings, upcoming and past", async ({ page }) => {
  await signIn(page, "priya@marquee.test", "Marquee-demo-1");
  await page.goto("/account/bookings");
  const upcoming = page.getByTestId("bookings").getByRole("listitem");
  await expect(upcoming.first()).toBeVisible();
  expect(await upcoming.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("bookings")).toContainText("Confirmed");
  await page.getByRole("link", { name: "Past" }).click();
  await expect(page.getByTestId("bookings").getByRole("listitem")).toHaveCount(1);
  await page.getByTestId("bookings").getByRole("link").first().click();
  await expect(page.getByText("Booking reference")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("payment-methods")).toContainText("•••• 4242");
});

test("reset a forgotten password through the dev mailbox", async ({ page, request, browser, baseURL }) => {
  const email = `reset-${unique()}@example.test`;
  const created = await request.post("/api/v1/users/register", {
    data: { name: "Arjun Menon", email, phone: "+919820066666", password: "Old-password-11" },
  });
  expect(created.status()).toBe(201);

  await open(page, "/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "reset link is on its way" })).toBeVisible();

  // The mailbox holds everyone's links: not for the user herself, only for an admin.
  expect((await page.goto("/dev/mailbox"))!.status()).toBe(404);
  const admin = await browser.newPage({ baseURL });
  await signIn(admin, "admin@marquee.test", "Marquee-admin-1");
  await admin.goto(`/dev/mailbox?${new URLSearchParams({ to: email })}`);
  await admin.getByTestId("mailbox").getByRole("link", { name: /Reset your Marquee password/ }).click();
  const link = await admin.getByRole("list", { name: "Links in this message" }).getByRole("link").first().getAttribute("href");
  await admin.close();

  await open(page, link!);
  await page.getByLabel("New password", { exact: true }).fill("New-password-22");
  await page.getByLabel("Repeat it").fill("New-password-22");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await signOut(page);
  await signIn(page, email, "New-password-22");
});
