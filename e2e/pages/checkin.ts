// The door's check-in page (/checkin): pick a show, then scan or type ticket codes.
import type { Page } from "@playwright/test";
import { open } from "./app";

/** How the door page names a show. */
export type DoorShow = { title: string; startsAtLocal: string; venue: string; section: string };

export class DoorPage {
  constructor(readonly page: Page) {}

  get result() {
    return this.page.getByTestId("scan-result");
  }
  get online() {
    return this.page.getByText("Online", { exact: true });
  }
  /** The door's own compact header: show, counts, sign-out. */
  get header() {
    return this.page.getByTestId("door-header");
  }
  /** What only the shop's header has: search, city picker, account menu, categories. */
  get shopHeader() {
    return this.page.getByRole("search").or(this.page.getByTestId("city-picker")).or(this.page.getByTestId("user-menu")).or(this.page.getByRole("navigation", { name: "Categories" }));
  }
  /** The scanner's controls, in the order they sit on a phone. */
  get scannerControls() {
    return [
      this.page.getByTestId("scan-result"),
      this.page.getByLabel("Camera view"),
      this.page.getByRole("button", { name: "Start camera" }),
      this.page.getByLabel("Booking reference or ticket code"),
      this.page.getByRole("button", { name: "Check" }),
    ];
  }

  /** Opens the door page on the first show it offers (the seed always has one today). */
  async openFirstShow() {
    await open(this.page, "/checkin");
    await this.page.getByRole("list").getByRole("button").first().click();
  }

  /** How far the page scrolls sideways (0 when it fits the screen). */
  horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  /** Opens the door page on exactly this show: the seed's open-door copies share a title. */
  async openShow(show: DoorShow) {
    await open(this.page, "/checkin");
    await this.page.getByRole("button").filter({ hasText: show.title }).filter({ hasText: `${show.startsAtLocal} · ${show.venue}, ${show.section}` }).first().click();
  }

  async startCamera() {
    await this.page.getByRole("button", { name: "Start camera" }).click();
  }

  /** Admits only `n` of the ticket's people on the next scan (the control resets to everyone after it). */
  async partySize(n: number) {
    await this.page.getByRole("group", { name: "Next scan admits" }).getByRole("button", { name: String(n), exact: true }).click();
  }

  /** On the result screen after a partial admission: admit more of the same ticket ("Admit 1", "Admit all 3 left"). */
  async admitMore(name: string | RegExp) {
    await this.page.getByRole("group", { name: "Admit more of this ticket" }).getByRole("button", { name }).click();
  }

  /** Types a booking reference or ticket code in and checks it. */
  async check(code: string) {
    await this.page.getByLabel("Booking reference or ticket code").fill(code);
    await this.page.getByRole("button", { name: "Check" }).click();
  }
}
