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

  async goto(showId: string) {
    await open(this.page, `/admin/shows/${showId}`);
  }

  get confirmPanel() {
    return this.page.getByRole("form", { name: "Confirm: cancel this show?" });
  }

  /** Step one: the reason, then the preview of what cancelling does (nothing cancelled yet). */
  async reviewCancel(reason: string) {
    await this.page.getByLabel("Reason (told to ticket holders)").fill(reason);
    await this.page.getByRole("button", { name: "Review cancellation" }).click();
    await expect(this.confirmPanel).toBeVisible();
  }

  /** Step two: the one button that cancels (its name carries the amount refunded). */
  async confirmCancel() {
    await this.confirmPanel.getByRole("button", { name: /^Yes, cancel/ }).click();
  }

  /** Both steps. */
  async cancel(reason: string) {
    await this.reviewCancel(reason);
    await this.confirmCancel();
  }
}

export class AdminBooking {
  constructor(readonly page: Page) {}

  async goto(bookingId: string) {
    await open(this.page, `/admin/bookings/${bookingId}`);
  }

  get confirmPanel() {
    return this.page.getByRole("form", { name: /^Confirm: cancel / });
  }

  async reviewRefund(reason: string) {
    await this.page.getByLabel("Reason", { exact: true }).fill(reason);
    await this.page.getByRole("button", { name: "Review refund" }).click();
    await expect(this.confirmPanel).toBeVisible();
  }

  async confirmRefund() {
    await this.confirmPanel.getByRole("button", { name: /^Yes, / }).click();
  }
}

/** A link's route with ids made generic, so a walk opens a few of each kind, not every show. */
const routeOf = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ":id").replace(/\?.*$/, "");

/**
 * Opens every staff link reachable from `start` (under /admin and /checkin, two of each route at
 * most, `limit` pages in all) and answers each page's path with the HTTP status it answered.
 */
export async function walkStaffLinks(page: Page, start: string, limit = 40): Promise<{ path: string; status: number; from: string }[]> {
  const queue: { path: string; from: string }[] = [{ path: start, from: "(start)" }];
  const seen = new Set<string>([start]);
  const perRoute = new Map<string, number>();
  const visited: { path: string; status: number; from: string }[] = [];
  while (queue.length && visited.length < limit) {
    const { path, from } = queue.shift()!;
    const res = await page.goto(path);
    visited.push({ path, status: res?.status() ?? 0, from });
    const here = new URL(page.url());
    const hrefs = await page.locator("a[href]:not([download])").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== here.origin || !/^\/(admin|checkin)(\/|$)/.test(url.pathname)) continue;
      const next = url.pathname + url.search;
      const route = routeOf(next);
      if (seen.has(next) || (perRoute.get(route) ?? 0) >= 2) continue;
      seen.add(next);
      perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
      queue.push({ path: next, from: path });
    }
  }
  return visited;
}
