import { describe, expect, it } from "vitest";
import { refundTiming } from "@/lib/notifications/refund-timing";
import { bookingEmail, bookingSms, passwordResetEmail, reminderEmail, verifyEmail, waitlistOfferEmail, type BookingEmailKind } from "./templates";

const facts = { name: "Priya", reference: "MQ7KX2P9Q4", title: "Coldplay", venue: "DY Patil", when: "Sat 6 Dec, 7:00 pm", total: "₹7,500", url: "https://marquee.test/b/1" };
const seated = { ...facts, seats: ["F11", "F12"] };
/** The text a reader sees in the HTML part: tags gone, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("booking messages name a booking's places as people read them", () => {
  it("lists reserved seats", () => {
    expect(bookingEmail("booking_confirmed", seated).bodyText).toContain("Tickets: Seats F11, F12\nBooking: MQ7KX2P9Q4");
    expect(bookingSms("booking_confirmed", seated)).toContain("Seats F11, F12.");
  });

  it("counts a zone's places and says how many the ticket admits", () => {
    const b = { ...facts, seats: ["Fan Pit", "Fan Pit", "Fan Pit"] };
    for (const text of [bookingEmail("booking_confirmed", b).bodyText, bookingEmail("booking_confirmed", b).bodyHtml, reminderEmail("reminder_2h", b).bodyText, bookingSms("reminder_24h", b)]) {
      expect(text).toContain("Admits 3 · Fan Pit × 3");
      expect(text).not.toMatch(/Fan Pit, Fan Pit|Fan Pit #/);
    }
  });
});

describe("refund timing says what is true of each gateway", () => {
  it("the local gateway refunds in the same call: straight away", () => {
    expect(refundTiming("local", "CARD")).toEqual({ destination: "your card", arrives: "Straight away — the refund is already complete" });
  });
  it("Stripe: the payer's bank posts it within 5–10 working days, to where the money came from", () => {
    expect(refundTiming("stripe", "CARD").arrives).toBe("Within 5–10 working days to your card, depending on your bank");
    expect(refundTiming("stripe", "UPI").arrives).toContain("the bank account behind your UPI ID");
    expect(refundTiming("stripe", "SOMETHING_NEW").destination).toBe("your original payment method");
  });
});

describe("emails about money back say how much, why and when — in both parts", () => {
  const card = { amount: "₹7,500", ...refundTiming("stripe", "CARD") };

  it("a staff refund: the amount, the reason staff gave and the card timing", () => {
    const m = bookingEmail("booking_refunded_by_staff", { ...seated, refund: card, reason: "Seat F12 is broken; we could not reseat you" });
    expect(m.subject).toBe("Refund of ₹7,500: Coldplay");
    for (const part of [m.bodyText, visible(m.bodyHtml)]) {
      expect(part).toMatch(/Amount refunded:? ₹7,500/);
      expect(part).toContain("Seat F12 is broken; we could not reseat you");
      expect(part).toContain("Within 5–10 working days to your card, depending on your bank");
      expect(part).toContain("MQ7KX2P9Q4");
    }
    // The reason is staff's free text: it is escaped in the HTML, never markup.
    const tricky = bookingEmail("booking_refunded_by_staff", { ...seated, refund: card, reason: `<script>alert(1)</script> "double" & booked` });
    expect(tricky.bodyHtml).not.toContain("<script>");
    expect(visible(tricky.bodyHtml)).toContain(`<script>alert(1)</script> "double" & booked`);
  });

  it("a customer cancellation is one message that says both: cancelled, and the refund with its timing", () => {
    const m = bookingEmail("booking_cancelled", { ...seated, refund: { amount: "₹7,500", ...refundTiming("local", "UPI") } });
    expect(m.subject).toBe("Cancelled, ₹7,500 refund on its way: Coldplay");
    for (const part of [m.bodyText, visible(m.bodyHtml)]) {
      expect(part).toMatch(/you cancelled this booking/);
      expect(part).toContain("₹7,500");
      expect(part).toContain("The bank account behind your UPI ID");
      expect(part).toContain("Straight away — the refund is already complete");
    }
    const free = bookingEmail("booking_cancelled", { ...seated, total: "₹0", refund: null });
    expect(free.subject).toBe("Booking cancelled: Coldplay");
    expect(free.bodyText).toContain("Nothing to refund");
    expect(free.bodyText).not.toMatch(/Amount refunded|working days/);
  });

  it.each<BookingEmailKind>(["show_cancelled", "late_payment_refunded", "duplicate_payment_refunded"])("%s: amount and timing", (kind) => {
    const m = bookingEmail(kind, { ...seated, refund: card, reason: kind === "show_cancelled" ? "Flooded hall" : null });
    for (const part of [m.bodyText, visible(m.bodyHtml)]) {
      expect(part).toContain("₹7,500");
      expect(part).toContain("5–10 working days");
    }
    if (kind === "show_cancelled") expect(m.bodyText).toContain("Reason given: Flooded hall");
  });
});

describe("every email has a plain-text part and a responsive HTML part", () => {
  const all = {
    booking_confirmed: bookingEmail("booking_confirmed", seated),
    booking_cancelled: bookingEmail("booking_cancelled", { ...seated, refund: { amount: "₹7,500", ...refundTiming("local", "CARD") } }),
    staff: bookingEmail("booking_refunded_by_staff", { ...seated, refund: { amount: "₹7,500", ...refundTiming("stripe", "CARD") }, reason: "Broken seat" }),
    reminder: reminderEmail("reminder_24h", seated),
    reset: passwordResetEmail("Priya", "https://marquee.test/reset-password?token=abc", 30),
    verify: verifyEmail("Priya", "https://marquee.test/verify-email?token=abc"),
    waitlist: waitlistOfferEmail({ name: "Priya", title: "Coldplay", venue: "DY Patil", when: "Sat", places: ["A1"], total: "₹500", deadline: "7:10 pm", url: "https://marquee.test/checkout/1" }),
  };

  it.each(Object.entries(all))("%s", (_name, m) => {
    // Plain text: no markup, and the action's link written out.
    expect(m.bodyText).not.toMatch(/<[a-z/!][^>]*>/i);
    expect(m.bodyText).toMatch(/: https:\/\/marquee\.test\/\S+\n/);
    // HTML: phone viewport, a fluid column capped at 600 px, nothing wider outside Outlook's own table.
    const html = m.bodyHtml;
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("max-width:600px");
    expect(html).toContain("@media only screen and (max-width: 620px)");
    const outsideMso = html.replace(/<!--\[if mso\]>[\s\S]*?<!\[endif\]-->/g, "");
    for (const [, w] of outsideMso.matchAll(/width="(\d+)"/g)) expect(Number(w)).toBeLessThanOrEqual(220);
    for (const [, px] of html.matchAll(/font-size:\s*(\d+)px/g)) expect(Number(px)).toBeGreaterThanOrEqual(13);
    // Every paragraph of the text part is in the HTML too.
    const seen = visible(html);
    for (const block of m.bodyText.split("\n\n").flatMap((b) => b.split("\n"))) {
      const line = block.replace(/^—$/, "").trim();
      if (!line) continue;
      const colon = line.match(/^([^:]+): (.+)$/);
      if (colon && !colon[2]!.startsWith("//")) {
        expect(seen).toContain(colon[1]!.trim());
        expect(seen).toContain(colon[2]!.trim());
      } else expect(seen).toContain(line);
    }
  });
});
