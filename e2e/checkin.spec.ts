import { writeFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import QRCode from "qrcode";
import config from "../playwright.config";
import { apiToken, call, CARDS, DEMO, type Account } from "./api";
import { DoorPage, type DoorShow } from "./pages/checkin";

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

/**
 * A fresh customer buys two seats of a show at the scanner's venues, through the API; answers the
 * show and the QR token.
 */
async function buyTicket(request: APIRequestContext, buyer: Account, showIndex: number): Promise<{ show: DoorShow & { id: string }; token: string }> {
  const shows = (await call(request, await apiToken(request, DEMO.door), "GET", "/api/v1/checkin/shows")).shows as (DoorShow & { id: string; open: boolean; startsAt: string })[];
  const auth = await apiToken(request, buyer);
  // Still on sale, its door open now (check-in admits only around the show's start), and with
  // reserved seats (the venues also run timed-entry exhibitions and a standing arena).
  type Seat = { id: string; status: string; priceMinor: number | null };
  const seated: { show: (typeof shows)[number]; free: Seat[] }[] = [];
  for (const s of shows.filter((s) => s.open && new Date(s.startsAt).getTime() > Date.now() + 10 * 60_000)) {
    const seats = (await (await request.get(`/api/v1/shows/${s.id}/seats`)).json()) as { seats: Seat[] };
    const free = seats.seats.filter((x) => x.status === "AVAILABLE" && x.priceMinor !== null).slice(-2);
    if (free.length === 2) seated.push({ show: s, free });
    if (seated.length > showIndex) break;
  }
  expect(seated[showIndex], "a seated show on sale at the scanner's venues").toBeTruthy();
  const { show, free } = seated[showIndex]!;
  const { booking } = await call(request, auth, "POST", "/api/v1/bookings/initiate", { showId: show.id });
  await call(request, auth, "POST", `/api/v1/bookings/${booking.id}/lock-seats`, { seatIds: free.map((s: { id: string }) => s.id) });
  const pay = await request.post("/api/v1/payments/process", {
    headers: { authorization: `Bearer ${auth}`, "idempotency-key": `e2e-checkin-${booking.id}` },
    data: { bookingId: booking.id, method: "CARD", card: CARDS.ok },
  });
  expect(pay.status()).toBe(200);
  for (let i = 0; i < 100; i++) {
    const res = await request.post(`/api/v1/bookings/${booking.id}/confirm`, { headers: { authorization: `Bearer ${auth}` } });
    if (res.status() === 200) return { show, token: (await res.json()).booking.token as string };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("booking was not confirmed");
}

test("the camera scans a real ticket: ADMIT, then ALREADY CHECKED IN on the second scan", async ({ asDoor, user, request }) => {
  const bought = await buyTicket(request, user, 0);
  writeQrVideo(bought.token);
  const door = new DoorPage(asDoor);
  await door.openShow(bought.show);
  await door.startCamera();
  await expect(door.result).toContainText("ADMIT", { timeout: 15_000 });
  await expect(door.result).toContainText("2 people");
  // The code stays in view: after the debounce it is scanned again and refused.
  await expect(door.result).toContainText("ALREADY CHECKED IN", { timeout: 15_000 });
  await expect(door.result).toContainText(/Already checked in at/);
});

test("offline: a scan is verified on the device, queued, and synced when the network returns", async ({ asDoor, user, request }) => {
  const bought = await buyTicket(request, user, 1);
  const door = new DoorPage(asDoor);
  await door.openShow(bought.show);
  await expect(door.online).toBeVisible();
  await asDoor.context().setOffline(true);
  await expect(asDoor.getByText(/^Offline/)).toBeVisible();
  await door.check(bought.token);
  await expect(door.result).toContainText("ADMIT");
  await expect(door.result).toContainText("offline");
  await expect(asDoor.getByText("Offline · 1 to sync")).toBeVisible();
  // The same ticket again on this device, still offline: refused locally.
  await door.check(bought.token);
  await expect(door.result).toContainText("ALREADY CHECKED IN");
  await asDoor.context().setOffline(false);
  await expect(door.online).toBeVisible({ timeout: 10_000 });
  // Synced: the server has it, so another scan answers from the server.
  await door.check(bought.token);
  await expect(door.result).toContainText("ALREADY CHECKED IN");
  await expect(door.result).not.toContainText("offline");
});

test("a ticket for two admits one now and the other later, then is used up", async ({ asDoor, user, request }) => {
  const bought = await buyTicket(request, user, 0);
  const door = new DoorPage(asDoor);
  await door.openShow(bought.show);
  await door.partySize(1);
  await door.check(bought.token);
  await expect(door.result).toContainText("ADMIT 1");
  await expect(door.result).toContainText("1 of 2 admitted, 1 left");
  await expect(door.result).toContainText("Ticket for 2 people");
  // The party size was for that scan only; the second person is admitted from the result screen.
  await expect(asDoor.getByRole("button", { name: "Everyone" })).toHaveAttribute("aria-pressed", "true");
  await door.admitMore("Admit the last 1");
  await expect(door.result).toContainText("2 of 2 admitted — all in");
  await door.check(bought.token);
  await expect(door.result).toContainText("ALREADY CHECKED IN");
  await expect(door.result).toContainText(/Already checked in at .* and .*\(all 2 admitted\)/);
});
