import { describe, expect, it } from "vitest";
import { bookingEmail, bookingSms, reminderEmail } from "./templates";

const facts = { name: "Priya", reference: "MQ7KX2P9Q4", title: "Coldplay", venue: "DY Patil", when: "Sat 6 Dec, 7:00 pm", total: "₹7,500", url: "https://marquee.test/b/1" };

describe("booking messages name a booking's places as people read them", () => {
  it("lists reserved seats", () => {
    const b = { ...facts, seats: ["F11", "F12"] };
    expect(bookingEmail("booking_confirmed", b).bodyText).toContain("Seats F11, F12 · Booking MQ7KX2P9Q4");
    expect(bookingSms("booking_confirmed", b)).toContain("Seats F11, F12.");
  });

  it("counts a zone's places and says how many the ticket admits", () => {
    const b = { ...facts, seats: ["Fan Pit", "Fan Pit", "Fan Pit"] };
    for (const text of [bookingEmail("booking_confirmed", b).bodyText, bookingEmail("booking_confirmed", b).bodyHtml, reminderEmail("reminder_2h", b).bodyText, bookingSms("reminder_24h", b)]) {
      expect(text).toContain("Admits 3 · Fan Pit × 3");
      expect(text).not.toMatch(/Fan Pit, Fan Pit|Fan Pit #/);
    }
  });
});
