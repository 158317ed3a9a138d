import { describe, expect, it } from "vitest";
import { acceptable, allowedEdits, deletions, editDistance, prefixDistance, splits } from "./typos";
import { fold } from "./fold";

describe("edit distance", () => {
  it("counts each kind of typo as one edit", () => {
    expect(editDistance("mumbai", "mumbai")).toBe(0);
    expect(editDistance("mubmai", "mumbai")).toBe(1); // swap
    expect(editDistance("mumai", "mumbai")).toBe(1); // drop
    expect(editDistance("mummbai", "mumbai")).toBe(1); // double
    expect(editDistance("mumbzi", "mumbai")).toBe(1); // replace
    expect(editDistance("spcae", "space")).toBe(1);
    expect(editDistance("kaleidoscpoe", "kaleidoscope")).toBe(1);
    expect(editDistance("kalaidoscpoe", "kaleidoscope")).toBe(2);
    expect(editDistance("abc", "xyz")).toBe(3);
  });

  it("gives up once past the bound", () => {
    expect(editDistance("completely", "different", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });

  it("measures a word being typed against the start of a term", () => {
    expect(prefixDistance("mumb", "mumbai")).toBe(0);
    expect(prefixDistance("mubm", "mumbai")).toBe(1);
    expect(prefixDistance("avang", "avengers")).toBe(1);
    expect(prefixDistance("xyzw", "mumbai")).toBe(2);
  });
});

describe("which corrections count", () => {
  it("allows no edit below three letters, one up to seven, two from eight", () => {
    expect(["ab", "war", "space", "starrys", "kaleidos"].map(allowedEdits)).toEqual([0, 1, 1, 1, 2]);
  });

  it("takes only a swap for a three-letter word", () => {
    expect(acceptable("wra", "war", 1)).toBe(true);
    expect(acceptable("car", "war", 1)).toBe(false);
    expect(acceptable("spcae", "space", 1)).toBe(true);
    expect(acceptable("spcae", "spice", 2)).toBe(false);
  });

  it("lists one-letter deletions and two-word splits", () => {
    expect(deletions("abca").sort()).toEqual(["aba", "abc", "aca", "bca"]);
    expect(splits("kaalchakra")).toContainEqual(["kaal", "chakra"]);
    expect(splits("abc")).toEqual([]);
  });

  it("folds accents and case", () => {
    expect(fold("Café Zürich ŁÓDŹ")).toBe("cafe zurich lodz");
    expect(fold("Cafe\u0301")).toBe("cafe");
  });
});
