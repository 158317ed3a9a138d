// The sign-in tests: the only ones that use the sign-in form (the rest sign in through the API).
import { expect, test } from "./fixtures";
import { unique } from "./api";
import { Header, open } from "./pages/app";
import { Mailbox } from "./pages/mailbox";
import { SignInPage, SignUpPage } from "./pages/signin";

test("sign up, sign out, sign in, and see an empty booking history", async ({ page }) => {
  const email = `fan-${unique()}@example.test`;
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.fill({ name: "Neha Kapoor", email, phone: "+91 98200 55555" });
  // A weak password is refused with a message next to the field.
  await signUp.submit("password");
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await signUp.submit("Monsoon-evening-4");
  await expect(page).toHaveURL(/\/account\?welcome=1/);
  await expect(page.getByRole("heading", { name: "Neha Kapoor" })).toBeVisible();
  await expect(page.getByText("not confirmed yet")).toBeVisible();

  await new Header(page).signOut();
  await open(page, "/account/bookings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount%2Fbookings/);

  // Wrong password: a message that does not say whether the email exists.
  const signIn = new SignInPage(page);
  await signIn.submit(email, "Monsoon-evening-5");
  await expect(signIn.error).toBeVisible();

  await signIn.submit(email, "Monsoon-evening-4");
  // Back where sign-in was asked for.
  await expect(page).toHaveURL(/\/account\/bookings$/);
  await expect(page.getByTestId("no-bookings")).toBeVisible();
});

test("the demo customer sees her seeded bookings, upcoming and past", async ({ asCustomer: page }) => {
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

test("reset a forgotten password through the dev mailbox", async ({ page, user, asAdmin }) => {
  // `user` is registered through the API; this test signs in as her through the form at the end.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.forgotLink.click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "reset link is on its way" })).toBeVisible();

  // The mailbox holds everyone's links: not for the user herself, only for an admin.
  expect((await page.goto("/dev/mailbox"))!.status()).toBe(404);
  const link = await new Mailbox(asAdmin).firstLink(user.email, /Reset your Marquee password/);

  await open(page, link);
  await page.getByLabel("New password", { exact: true }).fill("New-password-22");
  await page.getByLabel("Repeat it").fill("New-password-22");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await new Header(page).signOut();
  await signIn.signIn({ email: user.email, password: "New-password-22" });
});
