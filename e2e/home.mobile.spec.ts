import { expect, test } from "@playwright/test";

test("the home page and filters work on a phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("What's on in");
  // Nothing overflows sideways on a narrow screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.goto("/events?category=comedy");
  await expect(page.getByRole("form", { name: "Filters" })).toBeVisible();
  await expect(page.getByTestId("event-card").first()).toBeVisible();
});
