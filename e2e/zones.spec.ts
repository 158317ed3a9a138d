// General admission (issue 17): a buyer picks a quantity of standing places on the show page,
// pays, and the door admits the party on one ticket, each person once. Exhibitions list their
// timed-entry slots with what is left.
import { expect, test } from "./fixtures";
import { apiToken, call, CARDS, DEMO } from "./api";
import { Checkout } from "./pages/checkout";
import { DoorPage, type DoorShow } from "./pages/checkin";

type Zone = { id: string; name: string; available: number; state: string };

test("buy 3 Fan Pit tickets on the show page, pay, and the door admits the three of them once", async ({ asBuyer, asDoor, user, request }) => {
  // The seed always gives the door staff a standing show whose door is open (db/seed/door.ts).
  const doorToken = await apiToken(request, DEMO.door);
  const shows = (await call(request, doorToken, "GET", "/api/v1/checkin/shows")).shows as (DoorShow & { id: string; open: boolean; startsAt: string })[];
  let show: (typeof shows)[number] | undefined;
  for (const s of shows.filter((s) => s.open && new Date(s.startsAt).getTime() > Date.now() + 10 * 60_000)) {
    const { zones } = (await (await request.get(`/api/v1/shows/${s.id}/seats`)).json()) as { zones?: Zone[] };
    if (zones?.some((z) => z.name === "Fan Pit" && z.available >= 3)) {
      show = s;
      break;
    }
  }
  expect(show, "a show with a Fan Pit at the door staff's venues, its door open").toBeTruthy();

  await asBuyer.goto(`/shows/${show!.id}`);
  const picker = asBuyer.getByRole("region", { name: "General admission" });
  const fanPit = picker.locator('[data-zone="Fan Pit"]');
  await expect(fanPit).toContainText(/Available|Filling fast/);
  for (let i = 0; i < 3; i++) await fanPit.getByRole("button", { name: "One more Fan Pit ticket" }).click();
  await expect(fanPit.getByLabel("Fan Pit tickets")).toHaveText("3");
  await expect(picker).toContainText("3 tickets");
  await picker.getByRole("button", { name: "Continue" }).click();

  const checkout = new Checkout(asBuyer);
  await expect(asBuyer).toHaveURL(/\/checkout\/[0-9a-f-]{36}/);
  await expect(checkout.held).toBeVisible();
  const bookingId = asBuyer.url().match(/checkout\/([0-9a-f-]{36})/)![1]!;
  await checkout.payByCard(CARDS.ok);
  await checkout.expectConfirmed();
  await expect(asBuyer.getByText(/Fan Pit × 3/).first()).toBeVisible();

  // One ticket for the party: the door admits three people, then nobody more.
  const { booking } = await call(request, await apiToken(request, user), "GET", `/api/v1/bookings/${bookingId}`);
  expect(booking.status).toBe("CONFIRMED");
  expect(booking.seats).toHaveLength(3);
  const door = new DoorPage(asDoor);
  await door.openShow(show!);
  await door.check(booking.reference);
  await expect(door.result).toContainText("ADMIT");
  await expect(door.result).toContainText("3 people");
  await door.check(booking.reference);
  await expect(door.result).toContainText("ALREADY CHECKED IN");
});

test("an exhibition lists its timed-entry slots with the places left", async ({ page, request }) => {
  const { items } = (await (await request.get("/api/v1/events?category=EXHIBITION&city=bengaluru")).json()) as { items: { slug: string }[] };
  expect(items.length).toBeGreaterThan(0);
  await page.goto(`/events/${items[0]!.slug}?city=bengaluru`);
  await expect(page.getByText("Timed entry · arrive within your slot").first()).toBeVisible();
  const slot = page.getByRole("link", { name: /entry slot, \d+ of \d+ places left/ }).first();
  await expect(slot).toBeVisible();
  await expect(slot).toContainText(/left/i);
  await slot.click();
  await expect(page.getByRole("heading", { name: "Entry tickets" })).toBeVisible();
});
