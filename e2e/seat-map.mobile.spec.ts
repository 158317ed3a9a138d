// The seat map on a phone (issue 21): seats on screen when it opens, pinch and pan that move the
// map and never the page, finger-sized seats when zoomed, row letters and the screen's direction
// in view however it is panned, and a big hall opened block by block.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { findShow } from "./api";
import { SeatMap, bigHallShow } from "./pages/seat-map";

test.use({ viewport: { width: 390, height: 844 } });

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
/** Whether `inner` lies wholly inside `outer` (a px of rounding allowed). */
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

/** The page's own zoom and scroll: a gesture on the map must leave them alone. */
const pageView = (page: Page) => page.evaluate(() => ({ scale: window.visualViewport!.scale, x: window.scrollX, y: window.scrollY }));

/** Seats wholly on screen: inside the map's view, and above the sticky summary bar. */
async function seatsOnScreen(seatMap: SeatMap, filter = ", available$"): Promise<string[]> {
  const view = await box(seatMap.viewport);
  const barTop = (await box(seatMap.summary)).y;
  return seatMap.map.getByRole("button", { name: new RegExp(filter) }).evaluateAll(
    (els, { view, barTop }) =>
      els
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.left >= view.x && r.right <= view.x + view.width && r.top >= Math.max(0, view.y) && r.bottom <= Math.min(barTop, view.y + view.height);
        })
        .map((e) => e.getAttribute("aria-label")!)
        .filter((name) => !/, (wheelchair space|companion seat)\b/.test(name))
        .map((name) => name.replace(/^Row (\S+) seat (\S+),.*$/, "$1$2")),
    { view, barTop },
  );
}

/** Two fingers on the map's centre, moved from `from` to `to` px apart: a real pinch, through CDP. */
async function pinch(page: Page, target: Locator, from: number, to: number, steps = 12) {
  const b = await box(target);
  const cx = b.x + b.width / 2;
  const cy = b.y + Math.min(b.height, 300) / 2;
  const fingers = (d: number) => [
    { x: cx - d / 2, y: cy, id: 0 },
    { x: cx + d / 2, y: cy, id: 1 },
  ];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(from) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(from + ((to - from) * i) / steps) });
    await page.waitForTimeout(16);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** One finger dragged by (dx, dy) across the map: a real pan, through CDP. */
async function drag(page: Page, target: Locator, dx: number, dy: number, steps = 10) {
  const b = await box(target);
  const x = b.x + b.width / 2;
  const y = b.y + Math.min(b.height, 300) / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y, id: 0 }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps, id: 0 }] });
    await page.waitForTimeout(16);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

test("a cinema's seats are on screen, clear of the summary bar, as soon as the map opens", async ({ page, request }) => {
  const showId = await findShow(request, { events: [0, 4], dates: [1, 3], skip: 0 });
  const seatMap = new SeatMap(page);
  await seatMap.goto(showId);
  await expect(seatMap.heading).toBeVisible();
  expect((await pageView(page)).y).toBe(0);

  // Whole rows of seats lie inside the viewport and above the sticky bar, without scrolling.
  const barTop = (await box(seatMap.summary)).y;
  const first = await box(seatMap.map.locator("[data-seat]").first());
  expect(first.y).toBeGreaterThan(0);
  expect(first.y + first.height).toBeLessThanOrEqual(barTop);
  expect((await seatsOnScreen(seatMap)).length).toBeGreaterThanOrEqual(20);
  // Nothing (the bar's controls included) makes the page wider than the phone.
  // (clientWidth: on a phone innerWidth grows with whatever overflows.)
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  // The row letters are on screen too.
  await expect(seatMap.map.locator("[data-row-label]").first()).toBeInViewport();
});

test("a big hall opens on its blocks; a pinch zooms the block, not the page, and panning keeps rows and the field's direction in view", async ({ page, request }) => {
  const showId = await bigHallShow(request);
  const seatMap = new SeatMap(page);
  await seatMap.goto(showId);

  // The overview: blocks to choose from, no seats drawn yet, and the blocks clear of the bar.
  await expect(seatMap.blocks).toBeVisible();
  await expect(page.locator("[data-seat]")).toHaveCount(0);
  const blockButtons = seatMap.blocks.getByRole("button");
  expect(await blockButtons.count()).toBeGreaterThan(1);
  const firstBlock = await box(blockButtons.first());
  expect(firstBlock.y + Math.min(firstBlock.height, 80)).toBeLessThanOrEqual((await box(seatMap.summary)).y);
  await expect(blockButtons.first()).toHaveAccessibleName(/^Left, rows A to AD: \d+ seats free, ₹/);

  await blockButtons.filter({ hasText: "Centre left" }).tap();
  await expect(page.getByRole("group", { name: "Seat map, Centre left" })).toBeVisible();
  const drawn = await page.locator("[data-seat]").count();
  expect(drawn).toBeGreaterThan(100);
  expect(drawn).toBeLessThan(2000);
  // Seats of the block are on screen at once, above the bar.
  expect((await seatsOnScreen(seatMap)).length).toBeGreaterThan(10);

  const seat = seatMap.map.locator("[data-seat]").first();
  const before = await box(seat);
  const page0 = await pageView(page);
  await pinch(page, seatMap.viewport, 60, 220);
  await expect.poll(async () => (await box(seat)).width).toBeGreaterThanOrEqual(24);
  expect((await box(seat)).width).toBeGreaterThan(before.width * 1.5);
  // The page did not zoom or scroll: the map took the gesture.
  expect(await pageView(page)).toEqual(page0);
  await expect(page.getByRole("button", { name: "Fit the whole block" })).toHaveAttribute("aria-pressed", "false");

  // Pan right and down with a finger: the map scrolls, the page does not.
  await drag(page, seatMap.viewport, -160, -200);
  const scrolled = await seatMap.viewport.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));
  expect(scrolled.left).toBeGreaterThan(40);
  expect(scrolled.top).toBeGreaterThan(40);
  expect((await pageView(page)).scale).toBe(1);
  expect((await pageView(page)).x).toBe(page0.x);

  // Row letters stick to the left edge of the map's view, and "Field this way" floats at its top.
  const view = await box(seatMap.viewport);
  const labels = await seatMap.map.locator("[data-row-label]").all();
  const onScreen: Box[] = [];
  for (const l of labels) {
    const b = await box(l);
    if (b.y >= view.y && b.y + b.height <= view.y + view.height) onScreen.push(b);
  }
  expect(onScreen.length).toBeGreaterThan(3);
  for (const b of onScreen) {
    expect(inside(b, view)).toBe(true);
    expect(b.x - view.x).toBeLessThan(8);
  }
  const direction = page.getByTestId("stage-direction");
  await expect(direction).toHaveText(/Field this way/);
  expect(inside(await box(direction), view)).toBe(true);
});

test("on a phone a seat of a big hall's block can be chosen with the zoom buttons, tapped and held", async ({ asBuyer, request }) => {
  const showId = await bigHallShow(request);
  const seatMap = new SeatMap(asBuyer);
  await seatMap.goto(showId);
  await seatMap.openBlock("Centre right");

  // Two steps in from the fitted block give seats a finger can hit.
  const zoomIn = asBuyer.getByRole("button", { name: "Zoom in" });
  await zoomIn.tap();
  await zoomIn.tap();
  await expect.poll(async () => (await box(seatMap.map.locator("[data-seat]").first())).width).toBeGreaterThanOrEqual(24);
  expect((await pageView(asBuyer)).scale).toBe(1);

  const [label] = (await seatsOnScreen(seatMap)).slice(-1);
  expect(label).toBeTruthy();
  await seatMap.seat(label!).tap();
  await expect(seatMap.seat(label!)).toHaveAttribute("aria-pressed", "true");
  await expect(seatMap.summary).toContainText("1 seat selected");
  // The block keeps count of what is chosen in it.
  await expect(asBuyer.getByRole("group", { name: "Choose a block" }).getByRole("button", { name: /Centre right\s*1/ })).toBeVisible();

  const checkout = await seatMap.toCheckout();
  await expect(checkout.held).toBeVisible();
  await expect(checkout.seats).toContainText(label!);
});
