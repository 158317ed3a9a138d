import { expect, test } from "@playwright/test";
import { open, signIn } from "./helpers";

test("staff schedule a show with prices, a customer books it, cancelling the show refunds the booking", async ({ browser }) => {
  const staffCtx = await browser.newContext();
  const staff = await staffCtx.newPage();
  await signIn(staff, "staff@marquee.test", "Marquee-staff-1");
  await open(staff, "/admin/shows/new");
  // A date far enough ahead that the hall is free (the seed schedules two weeks).
  const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await staff.getByLabel("Event", { exact: true }).selectOption({ index: 1 });
  const hall = staff.getByLabel("Hall", { exact: true });
  const firstHall = await hall.locator("option").nth(1).textContent();
  await hall.selectOption({ index: 1 });
  await staff.getByLabel("From", { exact: true }).fill(day);
  await staff.getByLabel("To", { exact: true }).fill(day);
  await staff.getByLabel("Start times (venue time)").fill("21:10");
  // Price every seat type the hall has (its option names them).
  for (const [type, price] of [["Regular", "310"], ["Premium", "420"], ["VIP", "900"], ["Recliner", "650"], ["Accessible", "310"]] as const) {
    if (firstHall?.includes(type)) await staff.getByLabel(type, { exact: true }).fill(price);
  }
  await staff.getByRole("button", { name: "Schedule shows" }).click();
  await expect(staff).toHaveURL(/\/admin\/shows\/[0-9a-f-]{36}\?scheduled=1$/);
  await expect(staff.getByText("Scheduled 1 show(s).")).toBeVisible();
  const showId = staff.url().replace(/\?.*$/, "").split("/").pop()!;

  const customerCtx = await browser.newContext();
  const customer = await customerCtx.newPage();
  await signIn(customer, "priya@marquee.test", "Marquee-demo-1");
  await open(customer, `/shows/${showId}`);
  await customer.getByRole("button", { name: "Best available" }).click();
  await customer.getByRole("button", { name: "Continue" }).click();
  await expect(customer).toHaveURL(/\/checkout\//);
  await customer.waitForLoadState("networkidle");
  await customer.getByRole("radio", { name: "Card" }).check({ force: true });
  await customer.getByLabel("Card number").fill("4242 4242 4242 4242");
  await customer.getByLabel("Expiry (MM/YY)").fill("12/34");
  await customer.getByLabel("CVC").fill("123");
  await customer.getByRole("button", { name: /^Pay ₹/ }).click();
  await expect(customer).toHaveURL(/confirmed=1/, { timeout: 20_000 });
  const ticketUrl = customer.url().replace(/\?.*$/, "");

  await staff.reload();
  await expect(staff.getByText("seats sold")).toBeVisible();
  await staff.getByLabel("Reason (told to ticket holders)").fill("Power cut at the venue");
  await staff.getByRole("button", { name: "Cancel show and refund everyone" }).click();
  await expect(staff.getByText("This show is cancelled")).toBeVisible({ timeout: 20_000 });
  await expect(staff.getByText(/cancelled and refunded \(₹[\d,.]+ so far\)/)).toBeVisible();

  await open(customer, ticketUrl);
  await expect(customer.getByText("Refunded", { exact: true })).toBeVisible();
  await expect(customer.getByText("no longer admits anyone")).toBeVisible();
  await staffCtx.close();
  await customerCtx.close();
});

test("customers and door staff cannot open the admin area", async ({ page }) => {
  await signIn(page, "scanner@marquee.test", "Marquee-scan-1");
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
});
