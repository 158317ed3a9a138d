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

  test("autocomplete forgives a slip while typing and offers venues; search says where the rest play", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("city-picker").selectOption("mumbai");
    const search = page.getByRole("combobox", { name: /search/i });
    await search.pressSequentially("intres", { delay: 30 }); // "inter…" with two letters swapped
    await expect(page.getByRole("option", { name: /Interstellar/ })).toBeVisible();
    await search.fill("");
    await search.pressSequentially("prithv", { delay: 30 });
    const venue = page.getByRole("option", { name: /Prithvi Theatre/ });
    await expect(venue).toContainText("venue");

    // A search for the venue lists it and the events on there.
    await search.press("Enter");
    await expect(page.getByTestId("search-venues").getByRole("link")).toContainText(["Prithvi Theatre, Juhu"]);
    await expect(page.getByTestId("search-results").getByRole("link").first()).toBeVisible();

    // An event that does not play in the chosen city says where it does, on its page too.
    const api = await (await page.request.get("/api/v1/events/search?query=the&city=mumbai&limit=50")).json();
    const away = (api.items as { slug: string; inCity: boolean; cities: string[] }[]).find((h) => !h.inCity && h.cities.length > 0);
    expect(away, "some event plays only outside Mumbai").toBeTruthy();
    await page.goto(`/events/${away!.slug}?city=mumbai`);
    const elsewhere = page.getByTestId("plays-elsewhere");
    await expect(elsewhere).toContainText("Not playing in Mumbai");
    await elsewhere.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`city=${away!.cities[0]}`));
    await expect(page.getByTestId("showtimes")).toBeVisible();
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
