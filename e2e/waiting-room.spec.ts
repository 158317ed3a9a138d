// The on-sale waiting room (issue 18): a fan opens a show before its on-sale, sees the countdown,
// is in the queue, is let through at the staff-set rate, and books. Someone not through cannot
// hold seats, through the page or the API.
import { expect, test } from "./fixtures";
import { apiToken, CARDS, DEMO, findShow } from "./api";
import { SeatMap } from "./pages/seat-map";

test("a fan waits for the on-sale, is let through in turn, and books", async ({ asBuyer, newUser, request }) => {
  // Up to 20 s to the on-sale and 20 s in line, then a booking.
  test.setTimeout(120_000);
  // A show nobody else's test uses (movies 10–14, a few days ahead).
  const showId = await findShow(request, { events: [10, 14], dates: [2, 4], skip: 0 });
  const admin = { authorization: `Bearer ${await apiToken(request, DEMO.admin)}` };
  const onSaleAt = new Date(Date.now() + 20_000).toISOString();
  const set = await request.put(`/api/v1/admin/shows/${showId}/on-sale`, { headers: admin, data: { onSaleAt, waitingRoom: true, admitPerMinute: 6 } });
  expect(set.status(), await set.text()).toBe(200);

  try {
    // Another fan joins through the API before the on-sale: two early joiners, in a random order.
    const rival = await newUser();
    const rivalAuth = { authorization: `Bearer ${await apiToken(request, rival)}` };
    const joined = await request.post(`/api/v1/shows/${showId}/queue`, { headers: rivalAuth });
    expect(joined.status(), await joined.text()).toBe(201);
    expect((await joined.json()).queue).toMatchObject({ joined: true, position: null });

    await asBuyer.goto(`/shows/${showId}`);
    await expect(asBuyer.getByRole("heading", { name: "Tickets go on sale soon" })).toBeVisible();
    await expect(asBuyer.getByTestId("countdown")).toHaveText(/\d+m \d{2}s/);
    await expect(asBuyer.getByTestId("queue-joined")).toBeVisible();
    await expect(asBuyer.getByRole("group", { name: "Seat map" })).toHaveCount(0);

    // Before the on-sale no hold, pass or not.
    const early = await request.post("/api/v1/bookings/initiate", { headers: rivalAuth, data: { showId } });
    expect(early.status()).toBe(409);
    expect((await early.json()).error.code).toBe("NOT_ON_SALE_YET");

    // The on-sale opens: the buyer learns their place (1 or 2, drawn at random) a moment later,
    // and is let through in turn: 6 a minute, so place 1 ten seconds in, place 2 twenty.
    await expect(asBuyer.getByRole("heading", { name: "You're in the queue" })).toBeVisible({ timeout: 25_000 });
    await expect(asBuyer.getByTestId("queue-position")).toHaveText(/^[12]$/);
    await expect(asBuyer.getByTestId("onsale-notice")).toContainText("It's your turn", { timeout: 40_000 });

    // The rival (through too, or not yet) cannot hold with someone else's pass or none.
    const cookies = await asBuyer.context().cookies();
    const pass = cookies.find((c) => c.name.startsWith("mq_pass_"))!;
    expect(pass.httpOnly).toBe(true);
    const stolen = await request.post("/api/v1/bookings/initiate", { headers: { ...rivalAuth, "x-queue-pass": pass.value }, data: { showId } });
    expect(stolen.status()).toBe(403);
    expect((await stolen.json()).error.code).toBe("QUEUE_PASS_INVALID");

    // Through: pick seats, pay, get the ticket.
    const map = new SeatMap(asBuyer);
    await expect(map.map).toBeVisible();
    const seats = await map.freeSeats(2);
    await map.pick(seats);
    const checkout = await map.toCheckout();
    await expect(checkout.held).toBeVisible();
    await checkout.payByCard(CARDS.ok);
    await checkout.expectConfirmed();
  } finally {
    await request.delete(`/api/v1/admin/shows/${showId}/on-sale`, { headers: admin });
  }
});
