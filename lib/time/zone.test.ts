import { describe, expect, it } from "vitest";
import { whenRange } from "@/lib/catalog/when";
import { formatInZone, zonedDayRange, zonedTimeToInstant, zonedYmd } from "./zone";

describe("time zones", () => {
  it("maps local wall-clock times to instants, across DST changes", () => {
    expect(zonedTimeToInstant("2026-11-26", 19, 30, "Asia/Kolkata").toISOString()).toBe("2026-11-26T14:00:00.000Z");
    // New York leaves DST on 2026-11-01: 09:00 is 14:00Z after, 13:00Z before.
    expect(zonedTimeToInstant("2026-11-02", 9, 0, "America/New_York").toISOString()).toBe("2026-11-02T14:00:00.000Z");
    expect(zonedTimeToInstant("2026-10-30", 9, 0, "America/New_York").toISOString()).toBe("2026-10-30T13:00:00.000Z");
    expect(zonedYmd(new Date("2026-11-25T20:00:00Z"), "Asia/Kolkata")).toBe("2026-11-26");
    const { from, to } = zonedDayRange("2026-11-01", "America/New_York");
    expect((to.getTime() - from.getTime()) / 3600_000).toBe(25);
  });

  it("formats in each zone with each caller's options (formatters are kept, never mixed up)", () => {
    const at = new Date("2026-11-25T20:00:00Z");
    const time = { hour: "numeric", minute: "2-digit", hour12: false } as const;
    const day = { weekday: "short", day: "numeric", month: "short" } as const;
    for (let round = 0; round < 2; round++) {
      expect(formatInZone(at, "Asia/Kolkata", time)).toBe("01:30");
      expect(formatInZone(at, "America/New_York", time)).toBe("15:00");
      expect(formatInZone(at, "Asia/Kolkata", day)).toBe("Thu, 26 Nov");
      expect(formatInZone(at, "America/New_York", day)).toBe("Wed, 25 Nov");
    }
    expect(() => formatInZone(at, "Mars/Olympus", time)).toThrow(RangeError);
  });

  it("resolves date filters in the city's zone and never before now", () => {
    const now = new Date("2026-11-25T10:00:00Z"); // Wednesday 15:30 in Kolkata
    expect(whenRange("today", "Asia/Kolkata", now)).toEqual({ from: now, to: new Date("2026-11-25T18:30:00Z") });
    expect(whenRange("tomorrow", "Asia/Kolkata", now).from.toISOString()).toBe("2026-11-25T18:30:00.000Z");
    const weekend = whenRange("weekend", "Asia/Kolkata", now);
    expect(weekend.from.toISOString()).toBe("2026-11-27T11:30:00.000Z"); // Friday 17:00 local
    expect(weekend.to!.toISOString()).toBe("2026-11-29T18:30:00.000Z"); // end of Sunday local
    expect(whenRange(undefined, "Asia/Kolkata", now)).toEqual({ from: now });
    expect(whenRange("2026-11-20", "Asia/Kolkata", now).to!.getTime()).toBeLessThan(now.getTime());
  });
});
