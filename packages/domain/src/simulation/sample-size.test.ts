import { describe, expect, it } from "vitest";
import { differenceInMeans, summarizeGroup } from "./difference-ci";
import { normalQuantile } from "./normal";
import { sampleSize, weeksNeeded } from "./sample-size";

describe("sample size for a difference in repeat-purchase rate", () => {
  it("matches textbook figures (Fleiss, no continuity correction, α 0.05 two-sided, power 0.8)", () => {
    expect(sampleSize({ baselineRate: 0.1, expectedLift: 0.05 })).toEqual({
      ok: true,
      value: { members: 686, control: 686, total: 1_372 },
    });
    expect(sampleSize({ baselineRate: 0.5, expectedLift: 0.1 })).toEqual({
      ok: true,
      value: { members: 388, control: 388, total: 776 },
    });
  });

  it("needs more customers in total when the control group is small", () => {
    const equal = sampleSize({ baselineRate: 0.3, expectedLift: 0.03 });
    const small = sampleSize({ baselineRate: 0.3, expectedLift: 0.03, controlShare: 0.1 });
    if (!equal.ok || !small.ok) throw new Error("expected sizes");
    expect(small.value.total).toBeGreaterThan(equal.value.total);
    expect(small.value.members).toBeCloseTo(small.value.control * 9, -1);
  });

  it("refuses impossible inputs with a specific message", () => {
    expect(sampleSize({ baselineRate: 0.95, expectedLift: 0.1 })).toEqual({
      ok: false,
      error: "baseline plus the expected lift must stay between 0% and 100%",
    });
    expect(sampleSize({ baselineRate: 0.3, expectedLift: 0 })).toEqual({
      ok: false,
      error: "the expected lift must not be zero",
    });
  });

  it("turns customers into weeks of enrolment plus the measurement window", () => {
    expect(weeksNeeded(1_372, 200, 8)).toBe(7 + 8);
    expect(weeksNeeded(1_372, 0, 8)).toBeNull();
  });

  it("has the standard normal quantiles", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 6);
  });
});

describe("difference in means with a 95% interval", () => {
  it("computes the Welch interval by hand", () => {
    const members = summarizeGroup([2, 4, 6, 8]);
    const control = summarizeGroup([1, 2, 3]);
    // Means 5 and 2; variances 20/3 and 1; se = √(20/12 + 1/3) = √2.
    const d = differenceInMeans(members, control)!;
    expect(d.difference).toBe(3);
    expect(d.low).toBeCloseTo(3 - 1.959964 * Math.SQRT2, 5);
    expect(d.high).toBeCloseTo(3 + 1.959964 * Math.SQRT2, 5);
    expect(d.significant).toBe(true);
  });

  it("says nothing for a group of one", () => {
    expect(differenceInMeans(summarizeGroup([1]), summarizeGroup([1, 2]))).toBeNull();
  });
});
