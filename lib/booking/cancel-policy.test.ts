import { describe, expect, it } from "vitest";
import { cancelPolicy, cancelPolicyText } from "./cancel-policy";

// A show at 19:00 in Mumbai on Sat 12 Dec 2026 (13:30Z), refundable until 24 hours before.
const show = { startsAt: new Date("2026-12-12T13:30:00Z"), refundCutoffHours: 24 };
const inr = { timeZone: "Asia/Kolkata", refundMinor: 56_050, currency: "INR" };

describe("cancellation policy", () => {
  it("allows cancelling up to the cutoff and not from it on", () => {
    const before = cancelPolicy(show, new Date("2026-12-11T13:29:59.999Z"));
    expect(before).toMatchObject({ cancellable: true, refundable: true, cutoffHours: 24 });
    expect(before.cutoff.toISOString()).toBe("2026-12-11T13:30:00.000Z");
    const at = cancelPolicy(show, new Date("2026-12-11T13:30:00Z"));
    expect(at).toMatchObject({ cancellable: false, refundable: false, reason: "Bookings can be cancelled until 24 hours before the show." });
  });

  it("says until when and for how much, in the venue's time zone", () => {
    const policy = cancelPolicy(show, new Date("2026-12-01T00:00:00Z"));
    expect(cancelPolicyText(policy, inr)).toBe("Cancellable until Fri, 11 Dec, 7:00 pm for a full refund of ₹560.50.");
    // The same instant at a New York venue reads in New York's time.
    expect(cancelPolicyText(policy, { ...inr, timeZone: "America/New_York", currency: "USD" })).toBe(
      "Cancellable until Fri, 11 Dec, 8:30 am for a full refund of $560.50.",
    );
  });

  it("says a show within its cutoff cannot be cancelled", () => {
    const policy = cancelPolicy(show, new Date("2026-12-12T01:00:00Z"));
    expect(cancelPolicyText(policy, inr)).toBe("Cannot be cancelled or refunded: the show starts within 24 hours, and cancelling closed at Fri, 11 Dec, 7:00 pm.");
    const oneHour = cancelPolicy({ ...show, refundCutoffHours: 1 }, new Date("2026-12-12T13:00:00Z"));
    expect(cancelPolicyText(oneHour, inr)).toBe("Cannot be cancelled or refunded: the show starts within 1 hour, and cancelling closed at Sat, 12 Dec, 6:00 pm.");
  });

  it("with no cutoff, is cancellable until the show starts and not after", () => {
    const open = { ...show, refundCutoffHours: 0 };
    expect(cancelPolicyText(cancelPolicy(open, new Date("2026-12-12T13:00:00Z")), inr)).toBe("Cancellable until Sat, 12 Dec, 7:00 pm for a full refund of ₹560.50.");
    expect(cancelPolicyText(cancelPolicy(open, new Date("2026-12-12T13:30:00Z")), inr)).toBe("Cannot be cancelled: the show has started.");
  });
});
