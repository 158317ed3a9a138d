import { expect, test } from "./fixtures";
import { CARDS } from "./api";
import { open } from "./pages/app";
import { AdminShow, HallBuilder, ShowScheduler } from "./pages/admin";
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
  await new AdminShow(staff).cancel("Power cut at the venue");
  await expect(staff.getByText("This show is cancelled")).toBeVisible({ timeout: 20_000 });
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
