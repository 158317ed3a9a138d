// The QR code printed on a ticket. Level M survives a scuffed phone screen or a creased printout
// while keeping a 10-seat token at a size door scanners read at arm's length.
import "server-only";
import QRCode from "qrcode";

/** The ticket's QR code as inline SVG: crisp at any size, printable. */
export function ticketQrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The same as a PNG data URL, for emails (mail clients drop inline SVG). */
export function ticketQrPngDataUrl(token: string): Promise<string> {
  return QRCode.toDataURL(token, { type: "image/png", errorCorrectionLevel: "M", margin: 2, width: 360 });
}
