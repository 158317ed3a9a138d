import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CARDS, findShow } from "./api";
import { SeatMap } from "./pages/seat-map";

/** A movie show two or more days ahead with plenty of seats (so it is cancellable); `skip` varies it per test. */
const showFor = (request: APIRequestContext, skip: number) => findShow(request, { events: [4, 10], dates: [2, 4], skip });

test("hold seats, apply a promo code, pay with the test card and get the QR e-ticket", async ({ asBuyer: page, request }) => {
  const seatMap = new SeatMap(page);
  await seatMap.goto(await showFor(request, 0));
  const checkout = await seatMap.holdBestAvailable();
  const totalBefore = await checkout.total();
  // The policy above Pay names the refund: the whole amount about to be paid.
  await expect(checkout.policy).toContainText("Cancellable until");
  await expect(checkout.policy).toContainText(`for a full refund of ${totalBefore!.trim()}.`);

  await checkout.applyPromo("NOSUCHCODE");
  await expect(checkout.error.filter({ hasText: "not a valid promo code" })).toBeVisible();
  await checkout.applyPromo("moviebuff");
  await expect(page.getByText(/MOVIEBUFF applied/)).toBeVisible();
  await expect(page.getByText("Discount (MOVIEBUFF)")).toBeVisible();
  expect(await checkout.total()).not.toBe(totalBefore);
  await expect(checkout.policy).toContainText(`for a full refund of ${(await checkout.total())!.trim()}.`);

  await checkout.payByCard(CARDS.ok);
  const bookingUrl = await checkout.expectConfirmed();
  await expect(page.getByText("Payment received")).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code of ticket MQ/ })).toBeVisible();
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  const reference = (await page.getByRole("img", { name: /QR code of ticket/ }).getAttribute("aria-label"))!.replace("QR code of ticket ", "");
  const ics = await page.request.get(bookingUrl + "/calendar.ics");
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain(reference);
});

test("a declined card shows the error, keeps the hold and what was typed", async ({ asBuyer: page, request }) => {
  const seatMap = new SeatMap(page);
  await seatMap.goto(await showFor(request, 1));
  const checkout = await seatMap.holdBestAvailable();
  await page.getByLabel("Name on card").fill("Test Buyer");
  await checkout.payByCard(CARDS.declined);
  await expect(checkout.error.filter({ hasText: "declined" })).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(checkout.held).toBeVisible();
  await expect(checkout.cardNumber).toHaveValue(CARDS.declined.number);
  await expect(checkout.cardNumber).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name on card")).toHaveValue("Test Buyer");
  // The summary and the clock stay beside the form when Pay is in view.
  await checkout.payButton.scrollIntoViewIfNeeded();
  await expect(checkout.timer).toBeInViewport();
  await expect(checkout.summary).toBeInViewport();
  // Another card then goes through on the same hold.
  await checkout.cardNumber.fill(CARDS.ok.number);
  await checkout.payButton.click();
  await checkout.expectConfirmed();
});

test("a show inside its refund cutoff says before paying that it cannot be cancelled", async ({ asBuyer: page, request }) => {
  // A Mumbai movie show starting in 1–23 hours (the seeded cutoff is 24 hours) with seats to spare.
  const listing = await (await request.get("/api/v1/events?city=mumbai&category=movies")).json();
  const soon = (s: { startsAt: string }) => Date.parse(s.startsAt) - Date.now();
  let showId: string | undefined;
  for (const event of listing.items.slice(0, 12) as { id: string }[]) {
    const body = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
    for (const date of (body.dates as string[]).slice(0, 2)) {
      const day = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai&date=${date}`)).json();
      for (const v of day.venues) for (const s of v.shows) if (!showId && s.availableSeats > 40 && soon(s) > 3_600_000 && soon(s) < 23 * 3_600_000) showId = s.id;
    }
    if (showId) break;
  }
  expect(showId, "a show starting within the next day").toBeTruthy();
  const seatMap = new SeatMap(page);
  await seatMap.goto(showId!);
  const checkout = await seatMap.holdBestAvailable();
  await expect(checkout.policy).toContainText("Cannot be cancelled or refunded: the show starts within 24 hours");
  await expect(checkout.policy).not.toContainText("Cancellable until");
});

test("the event page: Book above the fold, each venue once, format chips filter in place", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // A Mumbai movie in more than one format.
  const listing = await (await request.get("/api/v1/events?city=mumbai&category=movies")).json();
  let found: { slug: string; formats: string[] } | undefined;
  for (const event of listing.items as { id: string; slug: string }[]) {
    const body = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
    if (body.formats.length > 1) found = { slug: event.slug, formats: body.formats };
    if (found) break;
  }
  expect(found, "a movie in two formats").toBeTruthy();
  await page.goto(`/events/${found!.slug}?city=mumbai`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: "Book tickets" })).toBeInViewport();
  const venues = await page.getByTestId("showtimes").locator("h3").allTextContents();
  expect(new Set(venues).size).toBe(venues.length);

  const format = found!.formats[1]!;
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.getByRole("group", { name: "Format" }).getByRole("link", { name: format, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]format=${encodeURIComponent(format).replace(/%20/g, "\\+")}(&|$)`));
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  const times = page.getByTestId("showtimes").locator('a[href^="/shows/"]');
  await expect(times.first()).toBeVisible();
  for (const label of await times.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) expect(label).toContain(`, ${format} `);
  // Pressing the chosen chip again shows everything.
  await page.getByRole("group", { name: "Format" }).getByRole("link", { name: format }).click();
  await expect(page).not.toHaveURL(/format=/);
});
