// The OpenAPI document as the production build serves it, held against live answers, and the
// /developers page generated from it: findable, anchored, readable on a phone.
import { expect, test } from "./fixtures";
import { apiToken } from "./api";
import { checkAnswer } from "../lib/api/drift";
import type { OpenApiDocument } from "../lib/api/openapi";
import { expectNoSeriousViolations } from "./support/axe";

test("the served document describes the live answers", async ({ request, user }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("public");
  const doc = (await res.json()) as OpenApiDocument;
  expect(doc.openapi).toBe("3.1.0");

  const answer = async (method: string, path: string, url: string, init: { token?: string } = {}) => {
    const r = await request.fetch(url, { method, headers: init.token ? { authorization: `Bearer ${init.token}` } : {} });
    const text = await r.text();
    const body = text ? JSON.parse(text) : undefined;
    const operationId = doc.paths[path]![method.toLowerCase()]!.operationId;
    expect(checkAnswer(doc, { method, path, operationId }, r.status(), r.headers()["content-type"] ?? null, body), `${method} ${url}`).toEqual([]);
    return body;
  };

  await answer("GET", "/cities", "/api/v1/cities");
  const events = await answer("GET", "/events", "/api/v1/events?city=mumbai&limit=3");
  const event = events.items[0];
  await answer("GET", "/events/{eventId}", `/api/v1/events/${event.slug}`);
  const shows = await answer("GET", "/events/{eventId}/shows", `/api/v1/events/${event.id}/shows?city=mumbai`);
  const showId = shows.venues[0].shows[0].id;
  await answer("GET", "/shows/{showId}", `/api/v1/shows/${showId}`);
  await answer("GET", "/shows/{showId}/seats", `/api/v1/shows/${showId}/seats`);
  await answer("GET", "/events/search", "/api/v1/events/search?query=interstelar");
  await answer("GET", "/events/{eventId}", "/api/v1/events/no-such-event");
  await answer("GET", "/events", "/api/v1/events?limit=999");
  const token = await apiToken(request, user);
  await answer("GET", "/users/{userId}/profile", `/api/v1/users/${user.id}/profile`, { token });
  await answer("GET", "/users/{userId}/bookings", `/api/v1/users/${user.id}/bookings`, { token });
});

test("the developers page is linked, anchored and fits a phone", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: /developers/i }).click();
  await expect(page).toHaveURL(/\/developers$/);
  await expect(page).toHaveTitle(/API for developers/);
  await expect(page.getByRole("heading", { level: 1, name: "Marquee API" })).toBeVisible();
  await expect(page.getByRole("link", { name: "OpenAPI 3.1 document", exact: true })).toHaveAttribute("href", "/api/v1/openapi.json");

  await page.goto("/developers#listEventShows");
  const section = page.locator("section#listEventShows");
  await expect(section.getByRole("heading", { name: "An event's shows, by venue" })).toBeInViewport();
  await expect(section.getByText("/events/{eventId}/shows", { exact: true })).toBeVisible();
  await expect(section.getByText(/curl "http/)).toBeVisible();
  await expectNoSeriousViolations(page, "/developers");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/developers");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByText("Contents").click();
  await page.getByRole("navigation", { name: "API contents" }).getByRole("link", { name: "Get a show" }).click();
  await expect(page).toHaveURL(/#getShow$/);
});
