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

  /** Opens the door page on exactly this show: the seed's open-door copies share a title. */
  async openShow(show: DoorShow) {
    await open(this.page, "/checkin");
    await this.page.getByRole("button").filter({ hasText: show.title }).filter({ hasText: `${show.startsAtLocal} · ${show.venue}, ${show.section}` }).first().click();
  }

  async startCamera() {
    await this.page.getByRole("button", { name: "Start camera" }).click();
  }

  /** Types a booking reference or ticket code in and checks it. */
  async check(code: string) {
    await this.page.getByLabel("Booking reference or ticket code").fill(code);
    await this.page.getByRole("button", { name: "Check" }).click();
  }
}
