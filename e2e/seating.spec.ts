import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { apiToken, findShow } from "./api";
import { SeatMap, bigHallShow } from "./pages/seat-map";
import { SignInPage } from "./pages/signin";

/** A show a day or more ahead with plenty of free seats; `skip` picks a different one per test. */
const showFor = (request: APIRequestContext, skip: number) => findShow(request, { events: [0, 4], dates: [1, 3], skip });

test("two viewers: one holds seats, the other sees them taken within 2 seconds and cannot have them", async ({ asBuyer, newUser, signedIn, request }) => {
  const showId = await showFor(request, 0);
  const other = await newUser();
  const a = new SeatMap(asBuyer);
  const b = new SeatMap(await signedIn(other));
  await a.goto(showId);
  await b.goto(showId);

  const wanted = await a.freeSeats(2);
  // B has picked one of the same seats, but not held it yet.
  await b.seat(wanted[0]!).click();
  await expect(b.seat(wanted[0]!)).toHaveAttribute("aria-pressed", "true");

  await a.pick(wanted);
  const checkout = await a.toCheckout();
  await expect(checkout.held).toBeVisible();
  await expect(checkout.seats).toContainText(wanted[0]!);

  // Within 2 seconds B's map shows both as held, drops the seat from B's selection and says so.
  const held = Date.now();
  for (const label of wanted) await expect(b.seat(label)).toHaveAccessibleName(/held by someone else$/, { timeout: 2_000 });
  expect(Date.now() - held).toBeLessThan(2_500);
  await expect(b.seat(wanted[0]!)).toHaveAttribute("aria-disabled", "true");
  await expect(b.page.getByText(/just taken|no longer available|was taken/i).first()).toBeVisible();

  // Clicking a held seat does nothing; B's Continue has nothing to hold.
  await b.seat(wanted[1]!).click({ force: true });
  await expect(b.seat(wanted[1]!)).not.toHaveAttribute("aria-pressed", "true");

  // Through the API too, the seats are refused with 409 naming them.
  const auth = { authorization: `Bearer ${await apiToken(request, other)}` };
  const seats = await (await request.get(`/api/v1/shows/${showId}/seats`)).json();
  const ids = seats.seats.filter((s: { label: string }) => wanted.includes(s.label)).map((s: { id: string }) => s.id);
  const booking = await (await request.post("/api/v1/bookings/initiate", { headers: auth, data: { showId } })).json();
  const refused = await request.post(`/api/v1/bookings/${booking.booking.id}/lock-seats`, { headers: auth, data: { seatIds: ids } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe("SEATS_UNAVAILABLE");

  // A lets them go from checkout; B sees them free again.
  await checkout.changeSeats();
  await expect(a.page).toHaveURL(new RegExp(`/shows/${showId}\\?seats=`));
  for (const label of wanted) await expect(b.seat(label)).toHaveAccessibleName(/available$/, { timeout: 2_000 });
});

// Signing in is the behaviour under test here, so this one goes through the form (as a fresh user).
test("a visitor's seat selection survives signing in", async ({ page, user, request }) => {
  const showId = await showFor(request, 1);
  const seatMap = new SeatMap(page);
  await seatMap.goto(showId);
  const wanted = await seatMap.freeSeats(2);
  await seatMap.pick(wanted);
  await expect(page).toHaveURL(new RegExp(`seats=${wanted.join("(,|%2C)")}`));
  await seatMap.continue();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.waitForLoadState("networkidle");
  await new SignInPage(page).submit(user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/shows/${showId}\\?seats=`));
  await page.waitForLoadState("networkidle");
  await seatMap.expectSelected(wanted);
  const checkout = await seatMap.toCheckout();
  await expect(checkout.seats).toContainText(wanted[1]!);
  await checkout.changeSeats();
  await expect(page).toHaveURL(new RegExp(`/shows/${showId}`));
});

/** A show with a free wheelchair space and the free companion seat beside it (labels), from the seats API. */
async function showWithCompanion(request: APIRequestContext) {
  for (let skip = 2; skip < 30; skip++) {
    const showId = await showFor(request, skip);
    const { seats } = await (await request.get(`/api/v1/shows/${showId}/seats`)).json();
    type Seat = { id: string; label: string; row: number; col: number; type: string; status: string };
    const at = new Map((seats as Seat[]).map((s) => [`${s.row}:${s.col}`, s]));
    for (const c of seats as Seat[]) {
      if (c.type !== "COMPANION" || c.status !== "AVAILABLE") continue;
      const space = [at.get(`${c.row}:${c.col - 1}`), at.get(`${c.row}:${c.col + 1}`)].find((s) => s?.type === "ACCESSIBLE" && s.status === "AVAILABLE");
      if (space) return { showId, companion: c, space };
    }
  }
  throw new Error("no show with a free wheelchair space and companion seat");
}

test("a companion seat is sold only with its wheelchair space, and the map says so before anything is held", async ({ asBuyer, user, request }) => {
  const { showId, companion, space } = await showWithCompanion(request);
  const seatMap = new SeatMap(asBuyer);
  await seatMap.goto(showId);
  const legend = asBuyer.getByRole("list", { name: "Seat types and prices" });
  await expect(legend).toContainText("Wheelchair space");
  await expect(legend).toContainText("Companion seat");
  await expect(asBuyer.getByText(/companion seat beside it, sold only together with that space/)).toBeVisible();
  await expect(seatMap.seat(companion.label)).toHaveAccessibleName(/, companion seat, sold with the wheelchair space beside it, .*available$/);
  await expect(seatMap.seat(space.label)).toHaveAccessibleName(/, wheelchair space, .*available$/);

  // Alone: an inline note at once, and Continue holds nothing.
  const note = asBuyer.getByText(`Seat ${companion.label} is a companion seat, sold only with the wheelchair space beside it.`, { exact: false });
  await seatMap.pick([companion.label]);
  await expect(note).toBeVisible();
  await seatMap.continue();
  await expect(note).toBeVisible();
  await expect(asBuyer).toHaveURL(new RegExp(`/shows/${showId}`));

  // The API refuses the same, 422 naming the seat.
  const auth = { authorization: `Bearer ${await apiToken(request, user)}` };
  const booking = await (await request.post("/api/v1/bookings/initiate", { headers: auth, data: { showId } })).json();
  const refused = await request.post(`/api/v1/bookings/${booking.booking.id}/lock-seats`, { headers: auth, data: { seatIds: [companion.id] } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error).toMatchObject({ code: "COMPANION_SEAT_ALONE", details: { seatIds: [companion.id] } });

  // With its wheelchair space: the note goes, and both are held.
  await seatMap.pick([space.label]);
  await expect(note).toHaveCount(0);
  const checkout = await seatMap.toCheckout();
  await expect(checkout.seats).toContainText(companion.label);
  await expect(checkout.seats).toContainText(space.label);
  await checkout.changeSeats();
  await expect(asBuyer).toHaveURL(new RegExp(`/shows/${showId}`));
  await asBuyer.waitForLoadState("networkidle");

  // Best available with one wheelchair space among two seats picks a space and its companion.
  await seatMap.clear();
  await seatMap.wheelchairSpaces(1);
  await asBuyer.getByRole("button", { name: "Best available" }).click();
  await expect(seatMap.map.getByRole("button", { name: /, wheelchair space, .*selected$/ })).toHaveCount(1);
  await expect(seatMap.map.getByRole("button", { name: /, companion seat, .*selected$/ })).toHaveCount(1);
});

test("a big hall on a desktop: its blocks, then one block's seats, walked with the keyboard within the block", async ({ page, request }) => {
  const showId = await bigHallShow(request);
  const seatMap = new SeatMap(page);
  await seatMap.goto(showId);
  await expect(page.locator("[data-seat]")).toHaveCount(0);

  // Enter on a block opens it and puts focus on one of its seats.
  await seatMap.blocks.getByRole("button", { name: /^Centre left,/ }).focus();
  await page.keyboard.press("Enter");
  const map = page.getByRole("group", { name: "Seat map, Centre left" });
  await expect(map).toBeVisible();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  await expect.poll(focused).toMatch(/^Row A seat \d+, /);

  // Home and End stop at the block's own ends of the row; the arrows stay inside the block.
  await page.keyboard.press("Home");
  const home = await focused();
  await page.keyboard.press("ArrowLeft");
  expect(await focused()).toBe(home);
  await page.keyboard.press("End");
  const end = await focused();
  expect(end).not.toBe(home);
  await page.keyboard.press("ArrowRight");
  expect(await focused()).toBe(end);
  await page.keyboard.press("ArrowDown");
  await expect.poll(focused).toMatch(/^Row B seat /);
  const number = (name: string) => Number(/seat (\d+),/.exec(name)![1]);
  // A block's row is its share of the hall's row: 20 seats here, numbered on from the block to its left.
  expect(number(end) - number(home)).toBe(19);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-pressed"))).toBe("true");
});
