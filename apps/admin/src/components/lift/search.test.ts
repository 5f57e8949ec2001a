import { describe, expect, it } from "vitest";
import { parseLiftSearch } from "./search";

describe("the measured lift page's URL", () => {
  it("defaults to an 8-week window and each type's expected effect", () => {
    expect(parseLiftSearch({})).toEqual({ windowWeeks: 8, expectedLiftPp: null });
  });

  it("reads a window the page offers and an expected lift with a decimal comma", () => {
    expect(parseLiftSearch({ window: "26", expected: "2,5" })).toEqual({
      windowWeeks: 26,
      expectedLiftPp: 2.5,
    });
  });

  it("falls back on a window the page does not offer, and passes a bad lift on to be refused", () => {
    expect(parseLiftSearch({ window: "5", expected: "" })).toEqual({
      windowWeeks: 8,
      expectedLiftPp: null,
    });
    expect(parseLiftSearch({ expected: "-3" }).expectedLiftPp).toBe(-3);
    expect(parseLiftSearch({ expected: "abc" }).expectedLiftPp).toBeNull();
  });
});
