import { describe, expect, it } from "vitest";
import { promoState } from "./promo-state";
import { venueTime } from "./time";

const now = new Date("2026-12-06T08:00:00Z");
const promo = (over: Partial<Parameters<typeof promoState>[0]> = {}) => ({ active: true, startsAt: null, endsAt: null, maxUsesTotal: null, usesTotal: 0, ...over });

describe("promoState", () => {
  it("names what a code is doing now", () => {
    expect(promoState(promo(), now)).toBe("active");
    expect(promoState(promo({ endsAt: new Date("2026-12-06T08:00:00Z") }), now)).toBe("ended"); // the end instant is already over
    expect(promoState(promo({ endsAt: "2026-12-06T08:00:01Z" }), now)).toBe("active");
    expect(promoState(promo({ startsAt: "2026-12-07T00:00:00Z" }), now)).toBe("scheduled");
    expect(promoState(promo({ maxUsesTotal: 5, usesTotal: 5 }), now)).toBe("used up");
    expect(promoState(promo({ maxUsesTotal: 5, usesTotal: 4 }), now)).toBe("active");
    expect(promoState(promo({ active: false }), now)).toBe("paused");
  });

  it("puts ended before used up, used up before paused, paused before scheduled", () => {
    expect(promoState(promo({ active: false, maxUsesTotal: 1, usesTotal: 1, endsAt: "2026-01-01T00:00:00Z" }), now)).toBe("ended");
    expect(promoState(promo({ active: false, maxUsesTotal: 1, usesTotal: 1 }), now)).toBe("used up");
    expect(promoState(promo({ active: false, startsAt: "2027-01-01T00:00:00Z" }), now)).toBe("paused");
  });
});

describe("venueTime", () => {
  it("shows the venue's wall clock and names its zone, whatever the server's zone", () => {
    const at = new Date("2026-12-06T14:00:00Z");
    expect(venueTime(at, "Asia/Kolkata")).toBe("6 Dec 2026, 7:30 pm IST");
    expect(venueTime(at, "Asia/Dubai")).toMatch(/^6 Dec 2026, 6:00 pm (GST|GMT\+4)$/);
    expect(venueTime(at, "Asia/Kolkata", "stamp")).toBe("06/12/26, 19:30:00 IST");
  });
});
