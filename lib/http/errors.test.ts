import { describe, expect, it } from "vitest";
import { ERROR_CODES, OUR_FAULT } from "@/lib/errors";
import { httpStatus } from "./errors";

describe("error statuses", () => {
  it("answers 5xx for exactly the codes the domains count as our fault", () => {
    const fiveHundreds = ERROR_CODES.filter((c) => httpStatus(c) >= 500).sort();
    expect(fiveHundreds).toEqual([...OUR_FAULT].sort());
    expect(fiveHundreds).toContain("DATABASE_UNAVAILABLE");
  });
});
