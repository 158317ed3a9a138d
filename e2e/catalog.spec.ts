import { expect, test } from "@playwright/test";

test.describe("finding something to watch", () => {
  test("pick a city, filter by category and date, search with a typo, open an event and its show times", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("What's on in");

    // The city choice is remembered across pages.
    await page.getByTestId("city-picker").selectOption("bengaluru");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What's on in Bengaluru");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What's on in Bengaluru");

    // Category from the header, then a date from the filters; the URL carries both.
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Movies" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Movies in Bengaluru");
    await page.getByLabel("Date").selectOption("tomorrow");
    await expect(page).toHaveURL(/date=tomorrow/);
    await expect(page).toHaveURL(/category=movies/);
    await expect(page).toHaveURL(/city=bengaluru/);
    const cards = page.getByTestId("event-card");
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThan(1);

    // A shared URL reproduces the same listing.
    const shared = page.url();
    const firstTitle = await cards.first().locator("h3").textContent();
    await page.goto(shared);
    await expect(page.getByTestId("event-card").first().locator("h3")).toHaveText(firstTitle!);

    // Typo-tolerant search from the header.
    const search = page.getByRole("combobox", { name: /search/i });
    await search.fill("avangers");
    await search.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=avangers/);
    const results = page.getByTestId("search-results");
    await expect(results.getByRole("link").first()).toContainText("Avengers: Endgame");

    // The event page lists show times grouped by venue; a time opens its show.
    await results.getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Avengers: Endgame");
    const showtimes = page.getByTestId("showtimes");
    await expect(showtimes).toBeVisible();
    await expect(showtimes.locator("h3").first()).not.toBeEmpty();
    await showtimes.locator('a[href^="/shows/"]').first().click();
    await expect(page).toHaveURL(/\/shows\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Choose your seats" })).toBeVisible();
  });

  test("autocomplete suggests titles as you type and keyboard picks one", async ({ page }) => {
    await page.goto("/");
    const search = page.getByRole("combobox", { name: /search/i });
    await search.pressSequentially("inters", { delay: 30 });
    const option = page.getByRole("option", { name: /Interstellar/ });
    await expect(option).toBeVisible();
    await search.press("ArrowDown");
    await search.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Interstellar");
  });

  test("bad filters in a URL get a clear message, not an error page", async ({ page }) => {
    await page.goto("/events?category=opera");
    // (Next's route announcer is also a role=alert; pick ours by its text.)
    await expect(page.getByRole("alert").filter({ hasText: "These filters don't look right" })).toContainText("category");
    const res = await page.request.get("/api/v1/events?minPrice=-5");
    expect(res.status()).toBe(400);
    expect((await res.json()).error.code).toBe("VALIDATION_FAILED");
  });

  test("pages and the API each carry their security headers", async ({ page }) => {
    const pageRes = await page.request.get("/");
    expect(pageRes.headers()["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline' https://js.stripe.com");
    const apiRes = await page.request.get("/api/v1/cities");
    expect(apiRes.status()).toBe(200);
    expect(apiRes.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const res of [pageRes, apiRes]) {
      expect(res.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" });
    }
  });

  test("venues by city and nearest to a point", async ({ page }) => {
    await page.goto("/venues?city=mumbai");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Venues in Mumbai");
    await expect(page.getByTestId("venues").getByRole("listitem").first()).toBeVisible();
    await page.goto("/venues?lat=19.0760&lng=72.8777&radiusKm=30");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Venues near you");
    await expect(page.getByTestId("venues")).toContainText("km away");
  });
});
