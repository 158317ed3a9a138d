import { describe, expect, it } from "vitest";
import { admitsText, groupPlaces, placesText } from "./places";

describe("places as people read them", () => {
  it("keeps reserved seats one by one, in their order", () => {
    expect(groupPlaces(["A1", "A2", "B10"])).toEqual(["A1", "A2", "B10"]);
    expect(placesText(["A1", "A2"])).toBe("A1, A2");
    expect(admitsText(["A1", "A2"])).toBe("Seats A1, A2");
  });

  it("counts a zone's places instead of listing them", () => {
    expect(groupPlaces(["Fan Pit", "Fan Pit", "Fan Pit"])).toEqual(["Fan Pit × 3"]);
    expect(placesText(["A1", "A2", "Fan Pit", "Gold", "Fan Pit", "Gold", "Fan Pit"])).toBe("A1, A2, Fan Pit × 3, Gold × 2");
    expect(admitsText(["Fan Pit", "Fan Pit", "Fan Pit", "Fan Pit"])).toBe("Admits 4 · Fan Pit × 4");
    expect(admitsText(["A1", "Fan Pit", "Fan Pit"])).toBe("Admits 3 · A1, Fan Pit × 2");
  });

  it("reads one zone place as the zone's name, and nothing as nothing", () => {
    expect(groupPlaces(["Fan Pit"])).toEqual(["Fan Pit"]);
    expect(groupPlaces([])).toEqual([]);
    expect(placesText([])).toBe("");
  });
});
