import { writeFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import QRCode from "qrcode";
import config from "../playwright.config";
import { open, signIn } from "./helpers";

// The door's camera is Chromium's fake capture device playing a video of a real ticket's QR code.
const VIDEO = "/tmp/marquee-e2e-ticket.y4m";
const base = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...base,
    args: [...(base.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${VIDEO}`],
  },
  permissions: ["camera"],
});

/** A y4m (YUV 4:2:0) video of the QR code: white frame, black modules, a few identical frames. */
function writeQrVideo(token: string) {
  const qr = QRCode.create(token, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const W = 640;
  const H = 480;
  const scale = Math.floor((H - 40) / (size + 8));
  const offX = Math.floor((W - size * scale) / 2);
  const offY = Math.floor((H - size * scale) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(16, (offY + r * scale + dy) * W + offX + c * scale, (offY + r * scale + dy) * W + offX + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  writeFileSync(VIDEO, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
}

async function token(request: APIRequestContext, path: string, method: "GET" | "POST", auth: string, data?: unknown) {
  const res = await request.fetch(path, { method, headers: { authorization: `Bearer ${auth}` }, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/** Priya buys two seats of a show at the scanner's venues; answers the show and the QR token. */
async function buyTicket(request: APIRequestContext, showIndex: number) {
  const login = async (email: string, password: string) => (await (await request.post("/api/v1/users/login", { data: { email, password } })).json()).token as string;
  const scanner = await login("scanner@marquee.test", "Marquee-scan-1");
  const priya = await login("priya@marquee.test", "Marquee-demo-1");
  const { shows } = await token(request, "/api/v1/checkin/shows", "GET", scanner);
  const onSale = [];
  // Still on sale, and its door open now (check-in admits only around the show's start).
  for (const s of shows) if (s.open && new Date(s.startsAt).getTime() > Date.now() + 10 * 60_000) onSale.push(s);
  const show = onSale[showIndex];
  expect(show, "a show on sale at the scanner's venues").toBeTruthy();
  const seats = await (await request.get(`/api/v1/shows/${show.id}/seats`)).json();
  const free = seats.seats.filter((s: { status: string; priceMinor: number | null }) => s.status === "AVAILABLE" && s.priceMinor !== null).slice(-2);
  const { booking } = await token(request, "/api/v1/bookings/initiate", "POST", priya, { showId: show.id });
  await token(request, `/api/v1/bookings/${booking.id}/lock-seats`, "POST", priya, { seatIds: free.map((s: { id: string }) => s.id) });
  const pay = await request.post("/api/v1/payments/process", {
    headers: { authorization: `Bearer ${priya}`, "idempotency-key": `e2e-checkin-${booking.id}` },
    data: { bookingId: booking.id, method: "CARD", card: { number: "4242424242424242", expMonth: 12, expYear: 2034, cvc: "123" } },
  });
  expect(pay.status()).toBe(200);
  for (let i = 0; i < 100; i++) {
    const res = await request.post(`/api/v1/bookings/${booking.id}/confirm`, { headers: { authorization: `Bearer ${priya}` } });
    if (res.status() === 200) return { show, token: (await res.json()).booking.token as string };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("booking was not confirmed");
}

type DoorShow = { title: string; startsAtLocal: string; venue: string; section: string };

/** Picks exactly this show on the door page: the seed's open-door copies share a title. */
async function openDoor(page: Page, show: DoorShow) {
  await signIn(page, "scanner@marquee.test", "Marquee-scan-1");
  await open(page, "/checkin");
  await page.getByRole("button").filter({ hasText: show.title }).filter({ hasText: `${show.startsAtLocal} · ${show.venue}, ${show.section}` }).first().click();
}

test("the camera scans a real ticket: ADMIT, then ALREADY CHECKED IN on the second scan", async ({ page, request }) => {
  const bought = await buyTicket(request, 0);
  writeQrVideo(bought.token);
  await openDoor(page, bought.show);
  await page.getByRole("button", { name: "Start camera" }).click();
  const result = page.getByTestId("scan-result");
  await expect(result).toContainText("ADMIT", { timeout: 15_000 });
  await expect(result).toContainText("2 people");
  // The code stays in view: after the debounce it is scanned again and refused.
  await expect(result).toContainText("ALREADY CHECKED IN", { timeout: 15_000 });
  await expect(result).toContainText(/Already checked in at/);
});

test("offline: a scan is verified on the device, queued, and synced when the network returns", async ({ page, context, request }) => {
  const bought = await buyTicket(request, 1);
  await openDoor(page, bought.show);
  await expect(page.getByText("Online", { exact: true })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByText(/^Offline/)).toBeVisible();
  await page.getByLabel("Booking reference or ticket code").fill(bought.token);
  await page.getByRole("button", { name: "Check" }).click();
  const result = page.getByTestId("scan-result");
  await expect(result).toContainText("ADMIT");
  await expect(result).toContainText("offline");
  await expect(page.getByText("Offline · 1 to sync")).toBeVisible();
  // The same ticket again on this device, still offline: refused locally.
  await page.getByLabel("Booking reference or ticket code").fill(bought.token);
  await page.getByRole("button", { name: "Check" }).click();
  await expect(result).toContainText("ALREADY CHECKED IN");
  await context.setOffline(false);
  await expect(page.getByText("Online", { exact: true })).toBeVisible({ timeout: 10_000 });
  // Synced: the server has it, so another scan answers from the server.
  await page.getByLabel("Booking reference or ticket code").fill(bought.token);
  await page.getByRole("button", { name: "Check" }).click();
  await expect(result).toContainText("ALREADY CHECKED IN");
  await expect(result).not.toContainText("offline");
});
