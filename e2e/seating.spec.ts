import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { open, signIn } from "./helpers";

/** A show a day or more ahead with plenty of free seats; `skip` picks a different one per test. */
async function findShow(request: APIRequestContext, skip: number): Promise<string> {
  const events = await (await request.get("/api/v1/events?city=mumbai&category=movies")).json();
  const candidates: string[] = [];
  for (const event of events.items.slice(0, 4)) {
    const first = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai`)).json();
    for (const date of first.dates.slice(1, 3)) {
      const day = await (await request.get(`/api/v1/events/${event.id}/shows?city=mumbai&date=${date}`)).json();
      for (const v of day.venues) for (const s of v.shows) if (s.availableSeats > 40) candidates.push(s.id);
    }
    if (candidates.length > skip) break;
  }
  expect(candidates.length).toBeGreaterThan(skip);
  return candidates[skip]!;
}

const seat = (page: Page, name: string) => page.getByRole("button", { name: new RegExp(`^Row ${name.replace(/(\D+)(\d+)/, "$1 seat $2")},`) });
const mapOf = (page: Page) => page.getByRole("group", { name: "Seat map" });

async function firstFreeSeats(page: Page, n: number): Promise<string[]> {
  const names = await mapOf(page).getByRole("button", { name: /, available$/ }).evaluateAll((els, count) => els.slice(40, 40 + count).map((e) => e.getAttribute("aria-label")!), n);
  // "Row F seat 12, Premium, ₹350, available" → "F12"
  return names.map((n) => n.replace(/^Row (\S+) seat (\S+),.*$/, "$1$2"));
}

async function newSignedInPage(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test("two viewers: one holds seats, the other sees them taken within 2 seconds and cannot have them", async ({ browser, request }) => {
  const showId = await findShow(request, 0);
  const a = await newSignedInPage(browser, "priya@marquee.test", "Marquee-demo-1");
  const b = await newSignedInPage(browser, "admin@marquee.test", "Marquee-admin-1");
  await open(a.page, `/shows/${showId}`);
  await open(b.page, `/shows/${showId}`);

  const wanted = await firstFreeSeats(a.page, 2);
  // B has picked one of the same seats, but not held it yet.
  await seat(b.page, wanted[0]!).click();
  await expect(seat(b.page, wanted[0]!)).toHaveAttribute("aria-pressed", "true");

  for (const label of wanted) await seat(a.page, label).click();
  await a.page.getByRole("button", { name: "Continue" }).click();
  await expect(a.page).toHaveURL(/\/checkout\//);
  await expect(a.page.getByText("Your seats are held for you.")).toBeVisible();
  await expect(a.page.getByRole("list", { name: "Seats" })).toContainText(wanted[0]!);

  // Within 2 seconds B's map shows both as held, drops the seat from B's selection and says so.
  const held = Date.now();
  for (const label of wanted) await expect(seat(b.page, label)).toHaveAccessibleName(/held by someone else$/, { timeout: 2_000 });
  expect(Date.now() - held).toBeLessThan(2_500);
  await expect(seat(b.page, wanted[0]!)).toHaveAttribute("aria-disabled", "true");
  await expect(b.page.getByText(/just taken|no longer available|was taken/i).first()).toBeVisible();

  // Clicking a held seat does nothing; B's Continue has nothing to hold.
  await seat(b.page, wanted[1]!).click({ force: true });
  await expect(seat(b.page, wanted[1]!)).not.toHaveAttribute("aria-pressed", "true");

  // Through the API too, the seats are refused with 409 naming them.
  const login = await (await request.post("/api/v1/users/login", { data: { email: "admin@marquee.test", password: "Marquee-admin-1" } })).json();
  const auth = { authorization: `Bearer ${login.token}` };
  const seats = await (await request.get(`/api/v1/shows/${showId}/seats`)).json();
  const ids = seats.seats.filter((s: { label: string }) => wanted.includes(s.label)).map((s: { id: string }) => s.id);
  const booking = await (await request.post("/api/v1/bookings/initiate", { headers: auth, data: { showId } })).json();
  const refused = await request.post(`/api/v1/bookings/${booking.booking.id}/lock-seats`, { headers: auth, data: { seatIds: ids } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe("SEATS_UNAVAILABLE");

  // A lets them go from checkout; B sees them free again.
  await a.page.getByRole("button", { name: "Change seats" }).click();
  await expect(a.page).toHaveURL(new RegExp(`/shows/${showId}\\?seats=`));
  for (const label of wanted) await expect(seat(b.page, label)).toHaveAccessibleName(/available$/, { timeout: 2_000 });
  await a.context.close();
  await b.context.close();
});

test("a visitor's seat selection survives signing in", async ({ page, request }) => {
  const showId = await findShow(request, 1);
  await open(page, `/shows/${showId}`);
  const wanted = await firstFreeSeats(page, 2);
  for (const label of wanted) await seat(page, label).click();
  await expect(page).toHaveURL(new RegExp(`seats=${wanted.join("(,|%2C)")}`));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill("priya@marquee.test");
  await page.getByLabel("Password").fill("Marquee-demo-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/shows/${showId}\\?seats=`));
  await page.waitForLoadState("networkidle");
  for (const label of wanted) await expect(seat(page, label)).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/checkout\//);
  await expect(page.getByRole("list", { name: "Seats" })).toContainText(wanted[1]!);
  await page.getByRole("button", { name: "Change seats" }).click();
  await expect(page).toHaveURL(new RegExp(`/shows/${showId}`));
});
