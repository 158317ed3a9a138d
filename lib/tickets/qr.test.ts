import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { ticketQrPngDataUrl, ticketQrSvg } from "./qr";
import { signTicket, ticketExpiry } from "./token";

const tenSeatToken = () =>
  signTicket({
    bid: "6f1c1b1e-8d3a-4a53-9a55-0d8b4f0b6a11",
    ref: "MQ7KX2P9Q4AB",
    sid: "0b6a2f2c-1e1f-4c4e-9f59-7b1e4f7a9c22",
    seats: Array.from({ length: 10 }, (_, i) => `AA${i + 10}`),
    exp: ticketExpiry(new Date()),
  });

/** Reads the dark modules back out of qrcode's SVG path ("M x y.5" moves, "m dx 0" skips, "h n" runs). */
function modulesFromSvg(svg: string, size: number, margin: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!d) throw new Error("no dark path in SVG");
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MmhH])([^MmhH]*)/g)) {
    const nums = args!.trim().split(/[\s,]+/).map(Number);
    if (cmd === "M") [x, y] = [nums[0]!, nums[1]!];
    else if (cmd === "m") [x, y] = [x + nums[0]!, y + nums[1]!];
    else if (cmd === "h") {
      for (let i = 0; i < nums[0]!; i++) grid[Math.floor(y) - margin]![x - margin + i] = true;
      x += nums[0]!;
    } else throw new Error(`unexpected path command ${cmd}`);
  }
  return grid;
}

describe("ticket QR code", () => {
  it("renders the token's QR matrix (level M, 2-module margin) as SVG", async () => {
    const token = tenSeatToken();
    const svg = await ticketQrSvg(token);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("<path");

    const qr = QRCode.create(token, { errorCorrectionLevel: "M" });
    const size = qr.modules.size;
    expect(svg).toContain(`viewBox="0 0 ${size + 4} ${size + 4}"`);
    const expected = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => Boolean(qr.modules.get(r, c))));
    expect(modulesFromSvg(svg, size, 2)).toEqual(expected);
    // The encoded segments (byte and alphanumeric runs) spell the token exactly.
    expect(qr.segments.map((s) => (typeof s.data === "string" ? s.data : Buffer.from(s.data).toString("latin1"))).join("")).toBe(token);
  });

  it("stays a size phone cameras and door scanners read easily with ten seats", () => {
    // Ten 4-character seat labels make a ~425-character token: version 16 (81×81 modules) at
    // level M, which a phone screen shows at well over the ~0.3 mm per module cameras need.
    expect(QRCode.create(tenSeatToken(), { errorCorrectionLevel: "M" }).version).toBeLessThanOrEqual(16);
  });

  it("renders a 360-pixel PNG data URL for emails", async () => {
    const url = await ticketQrPngDataUrl(tenSeatToken());
    expect(url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(url.slice("data:image/png;base64,".length), "base64");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([360, 360]);
  });
});
