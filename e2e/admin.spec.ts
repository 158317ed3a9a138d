import { expect, test } from "./fixtures";
import { CARDS, DEMO, signInThroughApi } from "./api";
import { open } from "./pages/app";
import { AdminBooking, AdminShow, HallBuilder, ShowScheduler, walkStaffLinks } from "./pages/admin";
import { SeatMap } from "./pages/seat-map";

test("staff build a small hall, schedule a show with prices, a customer books it, cancelling the show refunds it", async ({ asStaff: staff, asBuyer: customer }) => {
  // Build the hall: 4 rows × 7 columns, an aisle down column 4, a premium back row.
  const hallName = `Studio ${Date.now() % 100000}`;
  const builder = new HallBuilder(staff);
  await builder.goto();
  await builder.startGrid(hallName, 4, 7);
  await builder.brush("Aisle / gap");
  for (const row of ["A", "B", "C", "D"]) await staff.getByRole("button", { name: `Row ${row} column 4: Regular` }).click();
  await builder.brush("Premium");
  await builder.fillRow("D");
  await expect(staff.getByRole("heading", { name: /as buyers will see it \(24 seats\)/ })).toBeVisible();
  await builder.create();

  // Schedule a show in it, pricing both of its seat types.
  const scheduler = new ShowScheduler(staff);
  await scheduler.goto();
  const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const showId = await scheduler.scheduleOne(hallName, day, "18:00", { Regular: "310", Premium: "420" });
  await expect(staff.getByText("Scheduled 1 show(s).")).toBeVisible();
  await expect(staff.getByText("0 / 24")).toBeVisible();

  // A customer (a fresh account, signed in through the API) books two seats.
  const seatMap = new SeatMap(customer);
  await seatMap.goto(showId);
  const checkout = await seatMap.holdBestAvailable();
  await checkout.payByCard(CARDS.ok);
  const ticketUrl = await checkout.expectConfirmed();

  await staff.reload();
  await expect(staff.getByText("seats sold")).toBeVisible();
  const show = new AdminShow(staff);
  await show.reviewCancel("Power cut at the venue");
  // The preview names what will happen; nothing has happened yet.
  await expect(show.confirmPanel).toContainText(/1 confirmed booking\(s\) \(2 place\(s\)\) refunded in full: ₹[\d,.]+ back to buyers/);
  await expect(staff.getByText("2 / 24")).toBeVisible();
  await show.confirmCancel();
  await expect(staff.getByText("This show is cancelled")).toBeVisible({ timeout: 20_000 });
  await expect(staff).not.toHaveURL(/step=cancel/);
  await expect(staff.getByText("Show cancelled: 1 booking(s) refunded")).toBeVisible();
  await expect(staff.getByText(/cancelled and refunded \(₹[\d,.]+ so far\)/)).toBeVisible();

  await open(customer, ticketUrl);
  await expect(customer.getByText("Refunded", { exact: true })).toBeVisible();
  await expect(customer.getByText("no longer admits anyone")).toBeVisible();
});

test("customers and door staff cannot open the admin area", async ({ asDoor, asBuyer }) => {
  for (const page of [asDoor, asBuyer]) {
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(404);
  }
});

test("refunding a booking shows the amount first and refunds exactly that; cancelling a show refuses a stale preview and works without JavaScript", async ({ browser, asStaff: staff, asBuyer: buyer, newUser, signedIn }) => {
  test.setTimeout(180_000);
  const hallName = `Annexe ${Date.now() % 100000}`;
  const builder = new HallBuilder(staff);
  await builder.goto();
  await builder.startGrid(hallName, 2, 6);
  await builder.create();
  const day = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const scheduler = new ShowScheduler(staff);
  await scheduler.goto();
  const showId = await scheduler.scheduleOne(hallName, day, "20:00", { Regular: "275.50" });

  // A buyer books; staff refund it through the confirm step, which names what the buyer paid.
  const map = new SeatMap(buyer);
  await map.goto(showId);
  const checkout = await map.holdBestAvailable();
  const paid = (await checkout.total())!.trim();
  await checkout.payByCard(CARDS.ok);
  const bookingId = (await checkout.expectConfirmed()).split("/").pop()!;
  const booking = new AdminBooking(staff);
  await booking.goto(bookingId);
  await booking.reviewRefund("Customer asked at the box office");
  await expect(booking.confirmPanel.getByTestId("refund-amount")).toHaveText(`${paid} refunded in full to the original payment.`);
  await expect(staff.getByText("Confirmed", { exact: true }).first()).toBeVisible(); // the badge: nothing refunded yet
  // Keeping it changes nothing.
  await booking.confirmPanel.getByRole("link", { name: "Keep the booking" }).click();
  await expect(staff).toHaveURL(new RegExp(`/admin/bookings/${bookingId}$`));
  await expect(booking.confirmPanel).toHaveCount(0);
  await booking.reviewRefund("Customer asked at the box office");
  await booking.confirmRefund();
  await expect(staff.getByText(/Booking cancelled — it is (refunded|cancelled) now/)).toBeVisible({ timeout: 20_000 });
  await expect(staff.getByText(/^Refund (succeeded|pending)/)).toBeVisible();

  // Staff review the cancellation while nothing is booked; then someone books before they confirm.
  const show = new AdminShow(staff);
  await show.goto(showId);
  await show.reviewCancel("Sound system failure");
  await expect(show.confirmPanel.getByTestId("cancel-bookings")).toHaveText("No confirmed bookings to refund.");
  const late = await signedIn(await newUser());
  const lateMap = new SeatMap(late);
  await lateMap.goto(showId);
  const lateCheckout = await lateMap.holdBestAvailable();
  await lateCheckout.payByCard(CARDS.ok);
  await lateCheckout.expectConfirmed();
  await show.confirmCancel();
  await expect(show.confirmPanel.getByRole("alert")).toContainText("The show now has 1 confirmed booking(s), not 0. Review it again.");
  await show.confirmPanel.getByRole("link", { name: "Review it again" }).click();
  await expect(show.confirmPanel.getByTestId("cancel-bookings")).toContainText("1 confirmed booking(s) (2 place(s)) refunded in full");

  // The same two steps in a browser with JavaScript off: plain GET, then the action's own POST.
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    await signInThroughApi(context.request, DEMO.staff);
    const plain = await context.newPage();
    const noJs = new AdminShow(plain);
    await noJs.goto(showId);
    await noJs.reviewCancel("Sound system failure");
    await expect(plain).toHaveURL(/step=cancel&reason=Sound\+system\+failure/);
    await expect(noJs.confirmPanel.getByTestId("cancel-bookings")).toContainText("1 confirmed booking(s) (2 place(s))");
    await noJs.confirmCancel();
    await expect(plain.getByText("Show cancelled: 1 booking(s) refunded")).toBeVisible({ timeout: 20_000 });
    await expect(plain.getByText("This show is cancelled")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("every staff link opens for the role that is shown it: nav and in-page links, as venue staff, admin and door staff", async ({ asStaff, asAdmin, asDoor }) => {
  test.setTimeout(240_000);
  for (const [who, page] of [["staff", asStaff], ["admin", asAdmin]] as const) {
    await open(page, "/admin");
    const nav = await page.getByRole("navigation", { name: "Staff" }).getByRole("link").allTextContents();
    expect(nav.includes("Audit log"), `${who} sees the audit log link`).toBe(who === "admin");
    const visited = await walkStaffLinks(page, "/admin", 45);
    expect(visited.length, `${who} walked the staff pages`).toBeGreaterThan(15);
    expect(visited.filter((v) => v.status !== 200), `${who}: links that did not open`).toEqual([]);
  }
  // Door staff: the header offers check-in, which opens; the admin area is not offered.
  await open(asDoor, "/");
  await asDoor.getByTestId("user-menu").click();
  await expect(asDoor.getByRole("link", { name: "Staff tools" })).toHaveCount(0);
  await asDoor.getByRole("link", { name: "Check-in" }).click();
  await expect(asDoor).toHaveURL(/\/checkin$/);
  const visited = await walkStaffLinks(asDoor, "/checkin", 10);
  expect(visited.filter((v) => v.status !== 200)).toEqual([]);
});
