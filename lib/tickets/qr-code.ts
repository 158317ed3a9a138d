import "server-only";
import QRCode from "qrcode";

/** The ticket's QR code as inline SVG (crisp at any size, printable). */
export function ticketQrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The same as a PNG data URL (emails). */
export function ticketQrPngDataUrl(token: string): Promise<string> {
  return QRCode.toDataURL(token, { errorCorrectionLevel: "M", margin: 2, width: 360 });
}
