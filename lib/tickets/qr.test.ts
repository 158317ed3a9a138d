import { inflateSync } from "node:zlib";
import jsQR from "jsqr";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { ticketQrPng, ticketQrSvg } from "./qr";
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

  it("renders a sharp PNG for emails that a QR reader decodes back to the token", () => {
    const token = tenSeatToken();
    const png = ticketQrPng(token);
    const { width, height, pixels } = readGrayPng(png);
    const modules = QRCode.create(token, { errorCorrectionLevel: "M" }).modules.size;
    // At least 360 px, and a whole number of pixels per module (quiet zone included).
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(360);
    expect(width % (modules + 4)).toBe(0);
    const rgba = new Uint8ClampedArray(width * height * 4);
    pixels.forEach((white, i) => rgba.set(white ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4));
    expect(jsQR(rgba, width, height)?.data).toBe(token);
    // Every pixel matches its module, so nothing is blurred or shifted.
    const scale = width / (modules + 4);
    const qr = QRCode.create(token, { errorCorrectionLevel: "M" });
    for (let y = 0; y < height; y += 7) {
      for (let x = 0; x < width; x += 5) {
        const [my, mx] = [Math.floor(y / scale) - 2, Math.floor(x / scale) - 2];
        const dark = my >= 0 && mx >= 0 && my < modules && mx < modules && Boolean(qr.modules.get(my, mx));
        expect(pixels[y * width + x]).toBe(!dark);
      }
    }
  });
});

/** A minimal reader for the 1-bit grayscale, unfiltered PNGs ticketQrPng writes (CRCs checked). */
function readGrayPng(png: Buffer): { width: number; height: number; pixels: boolean[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("ascii");
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    if (type === "IHDR") {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      expect([...data.subarray(8)]).toEqual([1, 0, 0, 0, 0]); // 1 bit, grayscale, no interlace
    }
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = 1 + Math.ceil(width / 8);
  const pixels: boolean[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride]).toBe(0);
    for (let x = 0; x < width; x++) pixels.push(((raw[y * stride + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1);
  }
  return { width, height, pixels };
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
