// The QR code printed on a ticket. Level M survives a scuffed phone screen or a creased printout
// while keeping a 10-seat token at a size door scanners read at arm's length.
import "server-only";
import { deflateSync } from "node:zlib";
import QRCode from "qrcode";

const LEVEL = "M";
const MARGIN = 2; // modules of quiet zone on each side

/** The ticket's QR code as inline SVG: crisp at any size, printable. */
export function ticketQrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: "svg", errorCorrectionLevel: LEVEL, margin: MARGIN });
}

/**
 * The same code as a PNG for emails (mail clients drop inline SVG): black and white, one bit
 * per pixel, each module a whole number of pixels (at least `minPixels` wide in all), so it
 * stays sharp wherever it is shown.
 *
 * Encoded here rather than by qrcode's PNG renderer, which builds a 32-bit RGBA image in
 * JavaScript: ~8 ms per ticket, spent in the server for every confirmation email. This is the
 * same matrix (QRCode.create) written as a 1-bit grayscale PNG deflated by zlib: well under a
 * millisecond, and a third of the bytes.
 */
export function ticketQrPng(token: string, minPixels = 360): Buffer {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: LEVEL });
  const n = modules.size;
  const cells = n + 2 * MARGIN;
  const scale = Math.max(1, Math.ceil(minPixels / cells));
  const size = cells * scale;
  const stride = 1 + Math.ceil(size / 8); // filter byte + packed pixels
  const raw = Buffer.alloc(stride * size, 0xff); // white (1) everywhere, filter bytes fixed below
  for (let cy = 0; cy < cells; cy++) {
    const row = Buffer.alloc(stride, 0xff);
    row[0] = 0; // filter: none
    const my = cy - MARGIN;
    if (my >= 0 && my < n) {
      for (let mx = 0; mx < n; mx++) {
        if (!modules.get(my, mx)) continue;
        for (let x = (mx + MARGIN) * scale, end = x + scale; x < end; x++) row[1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
      }
    }
    for (let dy = 0; dy < scale; dy++) row.copy(raw, (cy * scale + dy) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  // compression, filter method, interlace: 0
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
