import { expect, test } from "@playwright/test";

test.describe("people and venues", () => {
  test("an event page credits its cast and crew, linking to a person's page and a venue's schedule", async ({ page }) => {
    // A city where the film plays: the seed spreads a re-release over some cities only.
    const shows = (await (await page.request.get("/api/v1/events/interstellar/shows")).json()) as { venues: { venue: { cityId: string } }[] };
    await page.goto(`/events/interstellar?city=${shows.venues[0]!.venue.cityId}`);
    const credits = page.getByTestId("credits");
    await expect(credits.getByRole("heading", { name: "Cast & crew" })).toBeVisible();
    await expect(credits.getByRole("link", { name: /Matthew McConaughey\s*as Cooper/ })).toBeVisible();

    await credits.getByRole("link", { name: /Christopher Nolan/ }).click();
    await expect(page).toHaveURL(/\/people\/christopher-nolan/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Christopher Nolan");
    await expect(page.getByTestId("event-card").filter({ hasText: "Interstellar" }).first()).toBeVisible();

    // Back on the event, a venue in its show times opens that venue's next two weeks.
    await page.goBack();
    const venue = page.getByTestId("showtimes").locator("h3 a").first();
    const name = (await venue.textContent())!;
    await venue.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    const schedule = page.getByTestId("venue-schedule");
    await expect(schedule.getByRole("link", { name: "Interstellar" })).toBeVisible();
    await schedule.locator('a[href^="/shows/"]').first().click();
    await expect(page).toHaveURL(/\/shows\/[0-9a-f-]{36}$/);
  });

  test("searching a person, misspelt, finds them and their events", async ({ page }) => {
    await page.goto("/search?q=cristopher%20nolna");
    await expect(page.getByTestId("read-as")).toContainText("christopher nolan");
    await expect(page.getByTestId("search-people").getByRole("link", { name: /Christopher Nolan/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Interstellar/ }).first()).toBeVisible();
    await page.getByTestId("search-people").getByRole("link", { name: /Christopher Nolan/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Christopher Nolan");
  });

  test("an unknown person is a 404 page", async ({ page }) => {
    const res = await page.goto("/people/no-such-person");
    expect(res?.status()).toBe(404);
  });
});
