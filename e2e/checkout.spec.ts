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

  await checkout.applyPromo("NOSUCHCODE");
  await expect(checkout.error.filter({ hasText: "not a valid promo code" })).toBeVisible();
  await checkout.applyPromo("moviebuff");
  await expect(page.getByText(/MOVIEBUFF applied/)).toBeVisible();
  await expect(page.getByText("Discount (MOVIEBUFF)")).toBeVisible();
  expect(await checkout.total()).not.toBe(totalBefore);

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

test("a declined card shows the error and keeps the hold", async ({ asBuyer: page, request }) => {
  const seatMap = new SeatMap(page);
  await seatMap.goto(await showFor(request, 1));
  const checkout = await seatMap.holdBestAvailable();
  await checkout.payByCard(CARDS.declined);
  await expect(checkout.error.filter({ hasText: "declined" })).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(checkout.held).toBeVisible();
  // Another card then goes through on the same hold.
  await checkout.payByCard(CARDS.ok);
  await checkout.expectConfirmed();
});
