import { expect, test } from "@playwright/test";
import { open, signIn } from "./helpers";

test("staff build a small hall, schedule a show with prices, a customer books it, cancelling the show refunds it", async ({ browser }) => {
  const staffCtx = await browser.newContext();
  const staff = await staffCtx.newPage();
  await signIn(staff, "staff@marquee.test", "Marquee-staff-1");

  // Build the hall: 4 rows × 7 columns, an aisle down column 4, a premium back row.
  const hallName = `Studio ${Date.now() % 100000}`;
  await open(staff, "/admin/halls");
  await staff.getByLabel("Hall name").fill(hallName);
  await staff.getByLabel("Rows", { exact: true }).fill("4");
  await staff.getByLabel("Columns", { exact: true }).fill("7");
  await staff.getByRole("button", { name: "Make the grid" }).click();
  await staff.getByText("Aisle / gap").click();
  for (const row of ["A", "B", "C", "D"]) await staff.getByRole("button", { name: `Row ${row} column 4: Regular` }).click();
  await staff.getByText("Premium", { exact: true }).click();
  await staff.getByRole("row").filter({ has: staff.getByRole("button", { name: /^Row D column 1/ }) }).getByRole("button", { name: "Fill row" }).click();
  await expect(staff.getByRole("heading", { name: /as buyers will see it \(24 seats\)/ })).toBeVisible();
  await staff.getByRole("button", { name: "Create hall" }).click();
  await expect(staff).toHaveURL(/\/admin\/halls\/[0-9a-f-]{36}\?saved=1$/);

  // Schedule a show in it, pricing both of its seat types.
  await open(staff, "/admin/shows/new");
  const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await staff.getByLabel("Event", { exact: true }).selectOption({ index: 1 });
  const hall = staff.getByLabel("Hall", { exact: true });
  const option = hall.locator("option", { hasText: hallName });
  await hall.selectOption({ label: (await option.textContent())! });
  await staff.getByLabel("From", { exact: true }).fill(day);
  await staff.getByLabel("To", { exact: true }).fill(day);
  await staff.getByLabel("Start times (venue time)").fill("18:00");
  await staff.getByLabel("Regular", { exact: true }).fill("310");
  await staff.getByLabel("Premium", { exact: true }).fill("420");
  await staff.getByRole("button", { name: "Schedule shows" }).click();
  await expect(staff).toHaveURL(/\/admin\/shows\/[0-9a-f-]{36}\?scheduled=1$/);
  await expect(staff.getByText("Scheduled 1 show(s).")).toBeVisible();
  await expect(staff.getByText("0 / 24")).toBeVisible();
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
