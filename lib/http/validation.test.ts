import { httpStatus } from "@/lib/http/errors";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { instant, isoDay, nulPath, parseInput } from "./validation";

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "OK";
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe("NUL characters", () => {
  it("are found wherever they hide: a field, an array item, a nested key", () => {
    expect(nulPath({ name: "ok", email: "a\u0000b" })).toBe("email");
    expect(nulPath({ seatIds: ["x", "y\u0000"] })).toBe("seatIds.1");
    expect(nulPath({ a: { b: { c: "\u0000" } } })).toBe("a.b.c");
    expect(nulPath({ ["k\u0000"]: "v" })).toBe("k\\0");
    expect(nulPath("\u0000")).toBe("_");
    expect(nulPath({ name: "Priya", n: 3, list: ["a"], none: null })).toBeNull();
  });

  it("are refused by parseInput before the schema runs, naming the field", () => {
    const schema = z.object({ name: z.string().max(100) });
    try {
      parseInput(schema, { name: "Pri\u0000ya" }, "body");
      throw new Error("accepted");
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(httpStatus((err as AppError).code)).toBe(400);
      expect((err as AppError).details).toEqual({ fieldErrors: { name: ["must not contain NUL characters"] } });
    }
    expect(parseInput(schema, { name: "Priya" })).toEqual({ name: "Priya" });
  });
});

describe("dates from outside", () => {
  it("accepts real days from 2000 to 2099 only", () => {
    const day = isoDay();
    for (const ok of ["2000-01-01", "2026-12-02", "2028-02-29", "2099-12-31"]) expect(day.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["9999-12-31", "0000-01-01", "1999-12-31", "2100-01-01", "2026-02-31", "2027-02-29", "2026-13-01", "26-12-02", "2026-12-02T00:00"]) {
      expect(day.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("accepts instants within the same years, refusing what Date or Postgres would choke on", () => {
    const at = instant();
    expect(at.parse("2026-12-02T10:00:00+05:30").toISOString()).toBe("2026-12-02T04:30:00.000Z");
    for (const bad of ["9999-12-31", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "-100000-01-01", "tomorrow", ""]) {
      expect(at.safeParse(bad).success, bad).toBe(false);
    }
    expect(codeOf(() => parseInput(z.object({ from: at }), { from: "9999-12-31" }))).toBe("VALIDATION_FAILED");
  });
});
