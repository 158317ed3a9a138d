// A whole booking on a phone (390×844): the event page, a show time, the seat map, checkout (a
// declined card, then a good one) and the QR e-ticket. With JOURNEY_SHOTS=<dir> it saves a
// numbered screenshot of each screen there; otherwise they go to the test's output folder.
import path from "node:path";
import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CARDS } from "./api";
import { SeatMap } from "./pages/seat-map";

test.use({ viewport: { width: 390, height: 844 } });

type Shows = { dates: string[]; languages: string[]; formats: string[]; venues: { venue: { id: string }; shows: { id: string; startsAt: string; language: string | null; availableSeats: number }[] }[] };

/**
 * A Mumbai movie offered in more than one language, and one of its shows two or more days ahead
 * (so the booking is cancellable) with plenty of seats, at a venue with more than one hall.
 */
async function findJourney(request: APIRequestContext) {
  const listing = await (await request.get("/api/v1/events?city=mumbai&category=movies")).json();
  for (const event of listing.items as { id: string; slug: string }[]) {
    const first: Shows = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
    if (first.languages.length < 2) continue;
    for (const date of first.dates.slice(2, 5)) {
      const day: Shows = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai&date=${date}`)).json();
      for (const v of day.venues) {
        const halls = day.venues.filter((o) => o.venue.id === v.venue.id).length;
        const show = v.shows.find((s) => s.availableSeats > 40 && s.language);
        if (show && halls > 1) return { slug: event.slug, date, show: show as typeof show & { language: string } };
      }
    }
  }
  throw new Error("no Mumbai movie with two languages and a venue with two halls showing 2–4 days ahead");
}

function shots(page: Page, info: TestInfo) {
  let n = 0;
  return async (name: string, opts: { fullPage?: boolean } = {}) => {
    n += 1;
    const file = `${String(n).padStart(2, "0")}-${name}.png`;
    await page.screenshot({ path: process.env.JOURNEY_SHOTS ? path.join(process.env.JOURNEY_SHOTS, file) : info.outputPath(file), ...opts });
  };
}

test("book on a phone: event page → show → seats → checkout (declined, then paid) → QR ticket", async ({ asBuyer: page, request }, info) => {
  const shot = shots(page, info);
  const { slug, date, show } = await findJourney(request);

  // The event page: Book is on the first screen.
  await page.goto(`/events/${slug}?city=mumbai&date=${date}`);
  await page.waitForLoadState("networkidle");
  const book = page.getByRole("link", { name: "Book tickets" });
  await expect(book).toBeInViewport();
  await shot("event");
  await book.click();
  await expect(page.getByRole("heading", { name: /^Show times in Mumbai/ })).toBeInViewport();
  const showtimes = page.getByTestId("showtimes");
  // One heading per venue, however many halls it has.
  const venues = await showtimes.locator("h3").allTextContents();
  expect(venues.length).toBeGreaterThan(0);
  expect(new Set(venues).size).toBe(venues.length);
  await shot("show-times");

  // A language chip narrows the times in place: the URL says so, the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { journey: string }).journey = "same page"));
  const languages = page.getByRole("group", { name: "Language" });
  await languages.getByRole("link", { name: show.language, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]language=${show.language}(&|$)`));
  await expect(languages.getByRole("link", { name: show.language })).toHaveAttribute("aria-current", "true");
  expect(await page.evaluate(() => (window as unknown as { journey?: string }).journey)).toBe("same page");
  const times = showtimes.locator('a[href^="/shows/"]');
  await expect(times.first()).toBeVisible();
  for (const label of await times.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) expect(label).toContain(show.language);
  await shot("show-times-filtered");

  // The show → its seat map → best available → checkout.
  await showtimes.locator(`a[href="/shows/${show.id}"]`).click();
  const seatMap = new SeatMap(page);
  await expect(seatMap.map).toBeVisible();
  await page.waitForLoadState("networkidle");
  await shot("seat-map");
  const checkout = await seatMap.holdBestAvailable();

  // What you buy comes before how you pay, in the page and on the screen.
  await expect(checkout.summary).toBeVisible();
  await expect(checkout.orderBar).toBeInViewport();
  const before = await checkout.summary.evaluate((summary) => {
    const pay = [...document.querySelectorAll("button")].find((b) => /^Pay ₹/.test(b.textContent ?? ""))!;
    return Boolean(summary.compareDocumentPosition(pay) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(before).toBe(true);
  expect((await checkout.summary.boundingBox())!.y).toBeLessThan((await checkout.payButton.boundingBox())!.y);
  await shot("checkout");

  // The policy is stated before Pay, for the amount about to be paid.
  const total = (await checkout.total())!.trim();
  await expect(checkout.policy).toContainText("Cancellable until");
  await expect(checkout.policy).toContainText(`for a full refund of ${total}.`);

  // A declined card: the reason beside the form, what was typed still there, the order in view.
  await checkout.payByCard(CARDS.declined);
  await expect(checkout.error.filter({ hasText: "declined" })).toBeVisible();
  await expect(checkout.cardNumber).toHaveValue(CARDS.declined.number);
  await expect(page.getByLabel("Expiry (MM/YY)")).toHaveValue(`${CARDS.declined.expMonth}/${CARDS.declined.expYear % 100}`);
  await expect(page.getByLabel("CVC")).toHaveValue(CARDS.declined.cvc);
  await checkout.payButton.scrollIntoViewIfNeeded();
  await expect(checkout.payButton).toBeInViewport();
  await expect(checkout.orderBar).toBeInViewport();
  await expect(checkout.timer).toBeInViewport();
  await expect(checkout.orderBar).toContainText(total);
  await expect(checkout.policy).toBeInViewport();
  await shot("checkout-declined");

  // Another card on the same form goes through.
  await checkout.cardNumber.fill(CARDS.ok.number);
  await checkout.payButton.click();
  await checkout.expectConfirmed();
  await expect(page.getByText("Payment received")).toBeVisible();
  const qr = page.getByRole("img", { name: /QR code of ticket MQ/ });
  await expect(qr).toBeVisible();
  await qr.scrollIntoViewIfNeeded();
  await shot("ticket");
});
