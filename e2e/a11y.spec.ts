// Accessibility of the main pages, as axe-core sees them in a real Chromium (WCAG 2.1 A and AA
// rules), for a visitor, a buyer mid-booking, staff and door staff. A serious or critical
// violation fails the test with the rule, the element and axe's explanation. Separately, the two
// things axe cannot judge on a static page: the primary button's contrast in every state it is
// drawn in (rest, hover) and a visible focus ring wherever keyboard focus lands.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CARDS, findShow } from "./api";
import { SeatMap } from "./pages/seat-map";
import { expectNoSeriousViolations } from "./support/axe";

async function firstEventPath(page: Page): Promise<string> {
  const listing = await (await page.request.get("/api/v1/events?city=mumbai&category=movies")).json();
  return `/events/${listing.items[0].slug}`;
}

test.describe("axe finds no serious violations", () => {
  // Each test visits several pages and runs axe on each (a few seconds apiece on a busy machine).
  test.describe.configure({ timeout: 180_000 });

  test("on the visitor's pages", async ({ page }) => {
    const pages = ["/", "/events?city=mumbai", "/events?city=mumbai&category=comedy", "/search?q=interstellar", "/venues?city=mumbai", "/signin", "/signup", "/forgot-password"];
    pages.push(await firstEventPath(page));
    for (const path of pages) {
      await page.goto(path);
      await expectNoSeriousViolations(page, path);
    }
  });

  test("through a booking: seat map, checkout, ticket and the bookings list", async ({ asBuyer: page, request }) => {
    const seatMap = new SeatMap(page);
    await seatMap.goto(await findShow(request, { events: [2, 8], dates: [2, 4], skip: 3 }));
    await expectNoSeriousViolations(page, "the seat map");
    const checkout = await seatMap.holdBestAvailable();
    await expectNoSeriousViolations(page, "checkout");
    await checkout.payByCard(CARDS.declined);
    await expect(checkout.error.filter({ hasText: "declined" })).toBeVisible();
    await expectNoSeriousViolations(page, "checkout after a declined card");
    await checkout.payByCard(CARDS.ok);
    await checkout.expectConfirmed();
    await expectNoSeriousViolations(page, "the ticket");
    await page.goto("/account/bookings");
    await expectNoSeriousViolations(page, "my bookings");
  });

  test("in the admin area and at the door", async ({ asStaff, asAdmin, asDoor }) => {
    for (const path of ["/admin", "/admin/bookings", "/admin/events", "/admin/promos"]) {
      await asStaff.goto(path);
      await expectNoSeriousViolations(asStaff, `${path} as venue staff`);
    }
    for (const path of ["/admin/venues", "/admin/audit"]) {
      await asAdmin.goto(path);
      await expectNoSeriousViolations(asAdmin, `${path} as admin`);
    }
    await asDoor.goto("/checkin");
    await expectNoSeriousViolations(asDoor, "check-in");
  });
});

/** WCAG relative luminance contrast of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test("the primary button reads at 4.5:1 at rest and on hover, and keyboard focus always shows a ring", async ({ page }) => {
  await page.goto("/signin");
  await page.waitForLoadState("networkidle");
  const submit = page.getByRole("button", { name: "Sign in", exact: true });
  const colours = () => submit.evaluate((el) => ({ fg: getComputedStyle(el).color, bg: getComputedStyle(el).backgroundColor }));
  const rest = await colours();
  expect(contrast(rest.fg, rest.bg), `rest ${rest.fg} on ${rest.bg}`).toBeGreaterThanOrEqual(4.5);
  await submit.hover();
  await expect.poll(async () => (await colours()).bg).not.toBe(rest.bg);
  const hover = await colours();
  expect(contrast(hover.fg, hover.bg), `hover ${hover.fg} on ${hover.bg}`).toBeGreaterThanOrEqual(4.5);

  // Tab through the page: every element that takes focus draws an outline of at least 2px whose
  // colour differs from what is behind it (the dark ring on light pages; its white halo on dark).
  await page.mouse.move(0, 0);
  const seen: string[] = [];
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { what: `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 30) ?? ""}`, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, halo: s.boxShadow };
    });
    if (!ring) continue;
    seen.push(ring.what);
    expect(ring.style, `focus ring on ${ring.what}`).not.toBe("none");
    expect(ring.width, `focus ring width on ${ring.what}`).toBeGreaterThanOrEqual(2);
    expect(ring.halo, `focus halo on ${ring.what}`).toContain("rgb(255, 255, 255)");
  }
  // The walk reached the header, the form and its submit button.
  expect(seen.some((w) => w.startsWith("input"))).toBe(true);
  expect(seen.some((w) => w.startsWith("button Sign in"))).toBe(true);
});
