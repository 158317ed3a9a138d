import type { Page } from "@playwright/test";
// Outbound webhooks from the admin's side: register an endpoint pointing at a receiver this test
// runs (a real HTTP server verifying every signature with the secret the page showed), send a
// test event, see it in the delivery log, and redeliver it (same event id, received again). Then
// a real booking paid and cancelled through the API reaches another endpoint as it happens.
import { startWebhookReceiver, type Receiver } from "../lib/testing/webhook-receiver";
import { CARDS, apiToken, call, findShow } from "./api";
import { expect, test } from "./fixtures";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver(`/hooks/${Date.now()}`);
});
test.afterAll(async () => {
  await receiver.close();
});

test("an admin registers an endpoint, sends a test event, sees it in the log and redelivers it", async ({ asAdmin: page }) => {
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // A URL that is not one is refused with the reason, and what was typed stays.
  await page.getByLabel("URL").fill("not a url");
  await page.getByLabel("Description").fill("Partner CRM");
  await page.getByRole("button", { name: "Register endpoint" }).click();
  // The browser's own check (type=url) may stop it first; either way nothing is registered.
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);

  await page.getByLabel("URL").fill(receiver.url);
  await page.getByLabel("show.cancelled").check();
  await page.getByRole("button", { name: "Register endpoint" }).click();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toHaveText(/^whsec_/);
  receiver.secret = (await secret.textContent())!.trim();

  await page.getByRole("link", { name: /Open the endpoint/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(receiver.url);
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ping delivered: 200" })).toBeVisible();
  expect(receiver.received).toHaveLength(1);
  expect(receiver.received[0]!.verified.ok).toBe(true);
  expect(receiver.received[0]!.body.type).toBe("ping");
  const eventId = receiver.received[0]!.body.id;

  // The delivery log: the ping, succeeded after one attempt; its payload and attempt inside.
  await page.reload();
  const log = page.getByTestId("delivery-log");
  const row = log.locator("li").first();
  await expect(row).toContainText("ping");
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("1 attempt");
  await row.locator("summary").click();
  await expect(row.locator("pre").filter({ hasText: eventId })).toBeVisible();

  await row.getByRole("button", { name: "Redeliver" }).click();
  await expect(row.getByRole("status")).toHaveText("Sent again: 200");
  await expect.poll(() => receiver.received.length).toBe(2);
  expect(receiver.received[1]!.verified.ok).toBe(true);
  expect(receiver.received[1]!.body.id).toBe(eventId);

  await page.reload();
  const again = page.getByTestId("delivery-log").locator("li").first();
  await expect(again).toContainText("2 attempts");
  await again.locator("summary").click();
  await expect(again.getByText("manual redelivery")).toBeVisible();
  await disableEndpoint(page);
});

/**
 * Disables the endpoint whose page is open: its receiver closes with the test, and the bookings
 * later specs make must not queue deliveries to it. (It also checks Disable works.)
 */
async function disableEndpoint(page: Page) {
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  await expect(page.getByText(/^Disabled /)).toBeVisible();
}

test("a booking paid and then cancelled through the API reaches the endpoint as booking.confirmed, .cancelled and .refunded", async ({ asAdmin: page, user, request }) => {
  const partner = await startWebhookReceiver("/hooks/bookings");
  try {
    await page.goto("/admin/webhooks");
    await page.getByLabel("URL").fill(partner.url);
    await page.getByRole("button", { name: "Register endpoint" }).click();
    partner.secret = (await page.getByTestId("webhook-secret").textContent())!.trim();

    const showId = await findShow(request, { events: [10, 16], dates: [2, 4], skip: 0 });
    const auth = await apiToken(request, user);
    const seats = (await (await request.get(`/api/v1/shows/${showId}/seats`)).json()).seats as { id: string; status: string; priceMinor: number | null }[];
    const seatIds = seats.filter((x) => x.status === "AVAILABLE" && x.priceMinor !== null).slice(-2).map((x) => x.id);
    const { booking } = await call(request, auth, "POST", "/api/v1/bookings/initiate", { showId });
    await call(request, auth, "POST", `/api/v1/bookings/${booking.id}/lock-seats`, { seatIds });
    const pay = await request.post("/api/v1/payments/process", {
      headers: { authorization: `Bearer ${auth}`, "idempotency-key": `e2e-webhooks-${booking.id}` },
      data: { bookingId: booking.id, method: "CARD", card: CARDS.ok },
    });
    expect(pay.status()).toBe(200);
    const about = (type: string) => partner.ofType(type).filter((r) => (r.body.data as { booking?: { id: string } }).booking?.id === booking.id);
    // Sent when the payment is applied, not at the next cron run.
    await expect.poll(() => about("booking.confirmed").length, { timeout: 15_000 }).toBe(1);
    expect(about("booking.confirmed")[0]!.body.data).toMatchObject({ booking: { status: "CONFIRMED", showId, seats: expect.any(Array) } });

    await call(request, auth, "POST", `/api/v1/bookings/${booking.id}/cancel`);
    await expect.poll(() => about("booking.refunded").length, { timeout: 15_000 }).toBe(1);
    expect(about("booking.cancelled")).toHaveLength(1);
    expect(about("booking.confirmed")).toHaveLength(1);
    expect(partner.received.every((r) => r.verified.ok)).toBe(true);
    await page.getByRole("link", { name: /Open the endpoint/ }).click();
    await disableEndpoint(page);
  } finally {
    await partner.close();
  }
});
