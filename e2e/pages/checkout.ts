// The checkout of a held booking (/checkout/[bookingId]).
import { expect, type Page } from "@playwright/test";
import type { Card } from "../api";

export class Checkout {
  constructor(readonly page: Page) {}

  /** The hold's note that is showing: the desktop summary's sentence, or the phone's sticky bar. */
  get held() {
    return this.page.getByText(/^(Your seats are held for you\.|Seats held)$/).filter({ visible: true });
  }
  get seats() {
    return this.page.getByRole("list", { name: "Seats" });
  }
  get promoCode() {
    return this.page.getByRole("textbox", { name: "Promo code" });
  }
  get error() {
    return this.page.getByRole("alert");
  }
  /** The phone's sticky bar: the order, its total and the hold's clock. */
  get orderBar() {
    return this.page.getByRole("region", { name: "Your order" });
  }
  /** The hold's clock that is showing (the phone's bar or the desktop summary). */
  get timer() {
    return this.page.getByTestId("hold-timer").filter({ visible: true });
  }
  get summary() {
    return this.page.getByRole("complementary").filter({ has: this.seats });
  }
  /** "Cancellable until … for a full refund of …" or why it cannot be, above Pay. */
  get policy() {
    return this.page.getByTestId("cancel-policy");
  }
  get payButton() {
    return this.page.getByRole("button", { name: /^Pay ₹/ });
  }
  get cardNumber() {
    return this.page.getByLabel("Card number");
  }

  /** The last line of the price breakdown. */
  async total() {
    return this.page.locator("dl[aria-label=Price] div").last().locator("dd").textContent();
  }

  async applyPromo(code: string) {
    await this.promoCode.fill(code);
    await this.page.getByRole("button", { name: "Apply" }).click();
  }

  async payByCard(card: Card) {
    await this.page.getByRole("radio", { name: "Card" }).check({ force: true });
    await this.page.getByLabel("Card number").fill(card.number);
    await this.page.getByLabel("Expiry (MM/YY)").fill(`${card.expMonth}/${card.expYear % 100}`);
    await this.page.getByLabel("CVC").fill(card.cvc);
    await this.payButton.click();
  }

  /** Paid: on the booking's page with ?confirmed=1; answers the booking page's URL. */
  async expectConfirmed(): Promise<string> {
    await expect(this.page).toHaveURL(/\/account\/bookings\/[0-9a-f-]{36}\?confirmed=1/, { timeout: 20_000 });
    return this.page.url().replace(/\?.*$/, "");
  }

  async changeSeats() {
    await this.page.getByRole("button", { name: "Change seats" }).click();
  }
}
