// The waitlist (issue 18): a fan joins a sold-out show's waitlist on its page; staff cancel a
// booking; the freed seats are held for the fan, who completes the booking from the offer.
import { expect, test } from "./fixtures";
import { CARDS } from "./api";
import { Checkout } from "./pages/checkout";
import { AdminBooking } from "./pages/admin";

test("a fan joins a sold-out show's waitlist, gets the seats a cancellation frees, and books them", async ({ asBuyer, asAdmin, request }) => {
  // The seed books out one show of Golmaal Junction in PVR's 32-seat hall (db/seed/on-sales.ts).
  const listing = await (await request.get("/api/v1/events?city=mumbai&q=Golmaal%20Junction")).json();
  const event = (listing.items as { id: string; title: string }[]).find((e) => e.title === "Golmaal Junction")!;
  const first = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
  let showId: string | undefined;
  for (const date of first.dates as string[]) {
    const day = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai&date=${date}`)).json();
    for (const v of day.venues) for (const s of v.shows) if (s.availableSeats === 0 && s.totalSeats === 32) showId ??= s.id;
    if (showId) break;
  }
  expect(showId, "the seeded sold-out show").toBeTruthy();

  await asBuyer.goto(`/shows/${showId}`);
  const waitlist = asBuyer.getByRole("region", { name: "Waitlist" });
  await expect(waitlist).toContainText("Sold out");
  await waitlist.getByLabel("Tickets").selectOption("2");
  await waitlist.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(waitlist).toContainText(/You're #1 in line for 2 tickets/);

  // Staff cancel one of the groups' bookings (8 seats come back).
  await asAdmin.goto("/admin/bookings?q=filmgoer-1%40marquee.test");
  await asAdmin.getByRole("link", { name: /Golmaal Junction/ }).first().click();
  const refund = new AdminBooking(asAdmin);
  await refund.reviewRefund("Group could not come");
  await refund.confirmRefund();
  await expect(asAdmin.getByText("Refunded", { exact: true })).toBeVisible();

  // Two of those seats are held for the fan, with a link to finish the booking.
  await asBuyer.reload();
  await expect(waitlist).toContainText(/are held for you until/);
  await waitlist.getByRole("link", { name: "Complete your booking" }).click();
  await expect(asBuyer).toHaveURL(/\/checkout\/[0-9a-f-]{36}/);
  const checkout = new Checkout(asBuyer);
  await expect(checkout.held).toBeVisible();
  await expect(checkout.seats.getByRole("listitem")).toHaveCount(2);
  await checkout.payByCard(CARDS.ok);
  await checkout.expectConfirmed();
});
