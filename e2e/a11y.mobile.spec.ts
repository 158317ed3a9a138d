// The main pages at 390×844 (the phone most of the reports came from): axe finds no
// serious violations and nothing overflows sideways. The desktop pass is e2e/a11y.spec.ts.
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";

test.use({ viewport: { width: 390, height: 844 } });

test("the visitor's pages on a phone", async ({ page }) => {
  test.setTimeout(180_000);
  const listing = await (await page.request.get("/api/v1/events?city=mumbai&category=movies")).json();
  for (const path of ["/", "/events?city=mumbai", "/search?q=interstellar", "/signin", `/events/${listing.items[0].slug}`]) {
    await page.goto(path);
    await expectNoSeriousViolations(page, `${path} on a phone`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect.soft(overflow, `${path} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(1);
  }
});
