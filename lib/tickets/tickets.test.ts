import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { foldLine, showIcs } from "./calendar";
import { setTicketKeyForTests, ticketPublicKeys } from "./signing-key";
import { parseTicket, verifyTicketWithWebCrypto } from "./ticket-format";
import { signTicket, verifyTicket } from "./ticket-token";
import { ticketQrSvg } from "./qr-code";

const ticket = { bookingId: "6f1c1b1e-8d3a-4a53-9a55-0d8b4f0b6a11", reference: "MQ7KX2P9Q4AB", showId: "0b6a2f2c-1e1f-4c4e-9f59-7b1e4f7a9c22", seats: ["F11", "F12"], showStartsAt: new Date(Date.now() + 86_400_000) };

afterEach(() => setTicketKeyForTests(null));

describe("ticket tokens", () => {
  it("round-trips: signed here, verified here and by WebCrypto with the public key only", async () => {
    const token = signTicket(ticket);
    expect(token).toMatch(/^MQT1\.[\w-]+\.[\w-]+$/);
    const local = verifyTicket(token);
    expect(local).toMatchObject({ ok: true, payload: { bid: ticket.bookingId, ref: ticket.reference, sid: ticket.showId, seats: ["F11", "F12"] } });
    expect(await verifyTicketWithWebCrypto(token, ticketPublicKeys())).toEqual(local);
  });

  it("refuses tampered payloads and signatures, other keys, garbage and expired tickets", async () => {
    const token = signTicket(ticket);
    const [prefix, body, sig] = token.split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...payload, seats: ["A1", "A2", "A3"] })).toString("base64url")}.${sig}`;
    expect(verifyTicket(forged)).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verifyTicketWithWebCrypto(forged, ticketPublicKeys())).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    const flipped = `${prefix}.${body}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "AB" : "AA"}`;
    expect(verifyTicket(flipped).ok).toBe(false);
    for (const junk of ["", "hello", "MQT1.a.b", "MQT2." + body + "." + sig, `${prefix}.${body}`, "x".repeat(5000)]) {
      expect(verifyTicket(junk)).toEqual({ ok: false, reason: "MALFORMED" });
    }
    const keys = ticketPublicKeys();
    setTicketKeyForTests(generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString());
    const other = signTicket(ticket);
    expect(await verifyTicketWithWebCrypto(other, keys)).toEqual({ ok: false, reason: "UNKNOWN_KEY" });
    const expired = signTicket({ ...ticket, showStartsAt: new Date(Date.now() - 2 * 86_400_000) });
    expect(verifyTicket(expired)).toEqual({ ok: false, reason: "EXPIRED" });
  });

  it("stays small enough for a readable QR code with ten seats", async () => {
    const token = signTicket({ ...ticket, seats: Array.from({ length: 10 }, (_, i) => `AA${i + 10}`) });
    expect(token.length).toBeLessThan(500);
    expect(parseTicket(token)!.payload.seats).toHaveLength(10);
    const svg = await ticketQrSvg(token);
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(svg).toContain("<path");
  });
});

describe(".ics", () => {
  it("escapes text, folds long lines, uses CRLF and UTC", () => {
    const ics = showIcs({
      uid: "booking-1@marquee",
      title: "Hamlet, Act 1; the \\ ghost",
      description: "Seats F11, F12\nBooking MQ7KX2P9Q4AB — " + "long text ".repeat(20),
      location: "Prithvi Theatre, Juhu",
      startsAt: new Date("2026-12-01T14:00:00Z"),
      endsAt: new Date("2026-12-01T17:00:00Z"),
      url: "http://localhost:3000/account/bookings/1",
      now: new Date("2026-11-25T10:00:00Z"),
    });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).toContain("SUMMARY:Hamlet\\, Act 1\\; the \\\\ ghost");
    expect(ics).toContain("DTSTART:20261201T140000Z");
    expect(ics).toContain("DTEND:20261201T170000Z");
    expect(ics).toContain("TRIGGER:-PT2H");
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("DESCRIPTION:Seats F11\\, F12\\nBooking MQ7KX2P9Q4AB — long text");
    expect(foldLine("é".repeat(80)).split("\r\n ").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });
});
