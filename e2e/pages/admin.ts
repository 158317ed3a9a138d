// The admin area: the hall builder, scheduling shows, and a show's page (sales, cancelling).
import { expect, type Page } from "@playwright/test";
import { open } from "./app";

export class HallBuilder {
  constructor(readonly page: Page) {}

  async goto() {
    await open(this.page, "/admin/halls");
  }

  /** Names the hall and makes an empty grid of Regular seats. */
  async startGrid(name: string, rows: number, columns: number) {
    await this.page.getByLabel("Hall name").fill(name);
    await this.page.getByLabel("Rows", { exact: true }).fill(String(rows));
    await this.page.getByLabel("Columns", { exact: true }).fill(String(columns));
    await this.page.getByRole("button", { name: "Make the grid" }).click();
  }

  /** Picks the brush ("Aisle / gap", "Premium", …) that clicking a cell paints with. */
  async brush(name: string) {
    await this.page.getByText(name, { exact: true }).click();
  }

  cell(row: string, column: number) {
    return this.page.getByRole("button", { name: new RegExp(`^Row ${row} column ${column}:`) });
  }

  async fillRow(row: string) {
    await this.page.getByRole("row").filter({ has: this.cell(row, 1) }).getByRole("button", { name: "Fill row" }).click();
  }

  /** Saves the hall; it opens on its own page. */
  async create() {
    await this.page.getByRole("button", { name: "Create hall" }).click();
    await expect(this.page).toHaveURL(/\/admin\/halls\/[0-9a-f-]{36}\?saved=1$/);
  }
}

export class ShowScheduler {
  constructor(readonly page: Page) {}

  async goto() {
    await open(this.page, "/admin/shows/new");
  }

  /** Schedules one show of the first event in `hallName` on `day` at `time`; answers its id. */
  async scheduleOne(hallName: string, day: string, time: string, prices: Record<string, string>): Promise<string> {
    await this.page.getByLabel("Event", { exact: true }).selectOption({ index: 1 });
    const hall = this.page.getByLabel("Hall", { exact: true });
    const option = hall.locator("option", { hasText: hallName });
    await hall.selectOption({ label: (await option.textContent())! });
    await this.page.getByLabel("From", { exact: true }).fill(day);
    await this.page.getByLabel("To", { exact: true }).fill(day);
    await this.page.getByLabel("Start times (venue time)").fill(time);
    for (const [seatType, price] of Object.entries(prices)) await this.page.getByLabel(seatType, { exact: true }).fill(price);
    await this.page.getByRole("button", { name: "Schedule shows" }).click();
    await expect(this.page).toHaveURL(/\/admin\/shows\/[0-9a-f-]{36}\?scheduled=1$/);
    return this.page.url().replace(/\?.*$/, "").split("/").pop()!;
  }
}

export class AdminShow {
  constructor(readonly page: Page) {}

  async cancel(reason: string) {
    await this.page.getByLabel("Reason (told to ticket holders)").fill(reason);
    await this.page.getByRole("button", { name: "Cancel show and refund everyone" }).click();
  }
}
