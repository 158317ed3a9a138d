import { beforeEach, describe, expect, it } from "vitest";
import { createCity } from "@/lib/testing/fixtures";
import { getCity, listCities } from "./cities";
import { clearMemo, memo } from "./memo";

describe("memo", () => {
  beforeEach(() => clearMemo());

  it("runs a lazy thenable (a Drizzle query runs on every await) once per lifetime, not once per caller", async () => {
    let runs = 0;
    // Like a Drizzle query: nothing runs until then(), and each then() runs it again.
    const lazyQuery = (): PromiseLike<number> => ({ then: (onfulfilled, onrejected) => Promise.resolve(++runs).then(onfulfilled, onrejected) });
    const answers = [await memo("lazy", 60, lazyQuery), await memo("lazy", 60, lazyQuery), await memo("lazy", 60, lazyQuery)];
    expect(answers).toEqual([1, 1, 1]);
    expect(runs).toBe(1);
  });

  it("shares one load between concurrent misses, and does not keep a failure", async () => {
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 20));
    expect(await Promise.all([memo("k", 60, slow), memo("k", 60, slow)])).toEqual([1, 1]);
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error("down");
      return "up";
    };
    await expect(memo("f", 60, flaky)).rejects.toThrow("down");
    fail = false;
    expect(await memo("f", 60, flaky)).toBe("up");
  });

  it("keeps the city list for its minute (a new city is not read until then), while getCity still finds a new one", async () => {
    const before = await listCities();
    const added = await createCity();
    expect((await listCities()).map((c) => c.id)).toEqual(before.map((c) => c.id)); // served from memory
    expect((await getCity(added.id))?.id).toBe(added.id); // a miss reloads
    expect((await listCities()).map((c) => c.id)).toContain(added.id);
  });
});
