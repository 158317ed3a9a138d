import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { open, signIn } from "./helpers";

/** A movie show two or more days ahead with plenty of seats (so it is cancellable); `skip` varies it per test. */
async function findShow(request: APIRequestContext, skip: number): Promise<string> {
  const events = await (await request.get("/api/v1/events?city=mumbai&category=movies")).json();
  const candidates: string[] = [];
  for (const event of events.items.slice(4, 10)) {
    const first = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
    for (const date of first.dates.slice(2, 4)) {
      const day = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai&date=${date}`)).json();
      for (const v of day.venues) for (const s of v.shows) if (s.availableSeats > 40) candidates.push(s.id);
    }
    if (candidates.length > skip) break;
  }
  expect(candidates.length).toBeGreaterThan(skip);
  return candidates[skip]!;
}

async function holdTwoSeats(page: Page, showId: string) {
  await open(page, `/shows/${showId}`);
  await page.getByRole("button", { name: "Best available" }).click();
  await expect(page.getByText("2 seats selected", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/checkout\//);
  await page.waitForLoadState("networkidle");
}

async function payByCard(page: Page, number: string) {
  await page.getByRole("radio", { name: "Card" }).check({ force: true });
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
}

test("hold seats, apply a promo code, pay with the test card and get the QR e-ticket", async ({ page, request }) => {
  const showId = await findShow(request, 0);
  await signIn(page, "priya@marquee.test", "Marquee-demo-1");
  await holdTwoSeats(page, showId);
  const totalBefore = await page.locator("dl[aria-label=Price] div").last().locator("dd").textContent();

  await page.getByRole("textbox", { name: "Promo code" }).fill("NOSUCHCODE");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not a valid promo code" })).toBeVisible();
  await page.getByRole("textbox", { name: "Promo code" }).fill("moviebuff");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(/MOVIEBUFF applied/)).toBeVisible();
  await expect(page.getByText("Discount (MOVIEBUFF)")).toBeVisible();
  const totalAfter = await page.locator("dl[aria-label=Price] div").last().locator("dd").textContent();
  expect(totalAfter).not.toBe(totalBefore);

  await payByCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/account\/bookings\/[0-9a-f-]{36}\?confirmed=1/, { timeout: 20_000 });
  await expect(page.getByText("Payment received")).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code of ticket MQ/ })).toBeVisible();
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  const reference = (await page.getByRole("img", { name: /QR code of ticket/ }).getAttribute("aria-label"))!.replace("QR code of ticket ", "");
  const ics = await page.request.get(page.url().replace(/\?.*$/, "") + "/calendar.ics");
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain(reference);
});

test("a declined card shows the error and keeps the hold", async ({ page, request }) => {
  const showId = await findShow(request, 1);
  await signIn(page, "priya@marquee.test", "Marquee-demo-1");
  await holdTwoSeats(page, showId);
  await payByCard(page, "4000 0000 0000 0002");
  await expect(page.getByRole("alert").filter({ hasText: "declined" })).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(page.getByText("Your seats are held for you.")).toBeVisible();
  // Another card then goes through on the same hold.
  await payByCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/account\/bookings\/[0-9a-f-]{36}\?confirmed=1/, { timeout: 20_000 });
});
