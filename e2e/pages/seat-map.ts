// A show's seat map (/shows/[showId]) and its summary bar.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { open } from "./app";
import { Checkout } from "./checkout";

/** A seeded sports show on sale in a stadium stand of 2,000+ seats, with most of them free. */
export async function bigHallShow(request: APIRequestContext): Promise<string> {
  for (const city of ["hyderabad", "mumbai", "delhi", "bengaluru", "chennai", "kolkata"]) {
    const { items } = await (await request.get(`/api/v1/events?city=${city}&category=sports`)).json();
    for (const event of items) {
      const day = await (await request.get(`/api/v1/events/${event.id}/shows?city=${city}`)).json();
      for (const v of day.venues)
        for (const s of v.shows) if (s.totalSeats >= 2000 && s.availableSeats > 1000 && (!s.onSaleAt || Date.parse(s.onSaleAt) < Date.now())) return s.id as string;
    }
  }
  throw new Error("no seeded show in a hall of 2,000+ seats");
}

export class SeatMap {
  constructor(readonly page: Page) {}

  get map() {
    return this.page.getByRole("group", { name: "Seat map" });
  }
  get heading() {
    return this.page.getByRole("heading", { name: "Choose your seats" });
  }
  /** The scroll container the map is drawn in (pinched and panned as one). */
  get viewport() {
    return this.page.getByTestId("seat-map-viewport");
  }
  /** The sticky bar at the bottom: the selection, its total and Continue. */
  get summary() {
    return this.page.getByTestId("seat-summary");
  }
  /** A big hall's overview: one button per block. */
  get blocks() {
    return this.page.getByRole("group", { name: "Blocks" });
  }

  /** Opens a block of a big hall from its overview ("Centre left"). */
  async openBlock(name: string) {
    await this.blocks.getByRole("button", { name: new RegExp(`^${name},`) }).click();
    await expect(this.page.getByRole("group", { name: `Seat map, ${name}` })).toBeVisible();
  }

  async goto(showId: string) {
    await open(this.page, `/shows/${showId}`);
  }

  /** A seat by its label ("F12"), named as the map names it: "Row F seat 12, …". */
  seat(label: string) {
    return this.page.getByRole("button", { name: new RegExp(`^Row ${label.replace(/(\D+)(\d+)/, "$1 seat $2")},`) });
  }

  /**
   * The labels of `n` free seats, away from the front rows' first ones; never wheelchair spaces
   * or companion seats, which are sold by their own rule.
   */
  async freeSeats(n: number): Promise<string[]> {
    const names = await this.map
      .getByRole("button", { name: /, available$/ })
      .evaluateAll(
        (els, count) =>
          els
            .map((e) => e.getAttribute("aria-label")!)
            .filter((name) => !/, (wheelchair space|companion seat)\b/.test(name))
            .slice(40, 40 + count),
        n,
      );
    // "Row F seat 12, Premium, ₹350, available" → "F12"
    return names.map((name) => name.replace(/^Row (\S+) seat (\S+),.*$/, "$1$2"));
  }

  /** Sets how many of the best-available seats are wheelchair spaces, with the stepper beside the count. */
  async wheelchairSpaces(n: number) {
    const more = this.page.getByRole("button", { name: "More wheelchair spaces" });
    for (let i = 0; i < n; i++) await more.click();
  }

  async clear() {
    await this.page.getByRole("button", { name: "Clear" }).click();
  }

  async pick(labels: string[]) {
    for (const label of labels) await this.seat(label).click();
  }

  async expectSelected(labels: string[]) {
    for (const label of labels) await expect(this.seat(label)).toHaveAttribute("aria-pressed", "true");
  }

  /** Presses Continue: to checkout (answered), or to sign-in for a visitor. */
  async continue() {
    await this.page.getByRole("button", { name: "Continue" }).click();
  }

  /** Continue with the current selection and land on its checkout. */
  async toCheckout(): Promise<Checkout> {
    await this.continue();
    await expect(this.page).toHaveURL(/\/checkout\//);
    return new Checkout(this.page);
  }

  /** Best available (two seats by default), then Continue: the seats are held on a hydrated checkout. */
  async holdBestAvailable(): Promise<Checkout> {
    await this.page.getByRole("button", { name: "Best available" }).click();
    await expect(this.page.getByText("2 seats selected", { exact: true })).toBeVisible();
    const checkout = await this.toCheckout();
    await this.page.waitForLoadState("networkidle");
    return checkout;
  }
}
