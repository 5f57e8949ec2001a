import { describe, expect, it } from "vitest";
import { summarizeGroup } from "./difference-ci";
import { diffInDiffFromPanel, diffInDiffSentence } from "./diff-in-diff";
import { measuredLift, proportionSummary, retentionCurves } from "./measured-lift";
import { mulberry32 } from "./prng";

describe("measured lift against a control group, worked by hand", () => {
  // Repeat purchase: members 3 of 4, control 1 of 4. Orders: members 2,3,4,3; control 1,2,1,2.
  const groups = {
    repeat: { members: proportionSummary(4, 3), control: proportionSummary(4, 1) },
    orders: { members: summarizeGroup([2, 3, 4, 3]), control: summarizeGroup([1, 2, 1, 2]) },
    revenue: { members: summarizeGroup([0, 0]), control: summarizeGroup([0]) },
  };

  it("summarises a 0/1 outcome from its count exactly as from the individual values", () => {
    expect(proportionSummary(4, 3)).toEqual(summarizeGroup([1, 1, 1, 0]));
    expect(proportionSummary(1, 1)).toEqual({ n: 1, mean: 1, variance: 0 });
  });

  it("gives members minus control with a 95% Welch interval", () => {
    const lift = measuredLift(groups);
    // Repeat: 0.75 − 0.25 = 0.5; variances 0.25 each; se = √(0.25/4 + 0.25/4) = 0.353553.
    expect(lift.repeat!.difference).toBeCloseTo(0.5, 10);
    expect(lift.repeat!.low).toBeCloseTo(0.5 - 1.959964 * 0.353553, 5);
    expect(lift.repeat!.high).toBeCloseTo(1.192951, 5);
    expect(lift.repeat!.significant).toBe(false);
    // Orders: 3 − 1.5 = 1.5; variances 2/3 and 1/3; se = √(2/12 + 1/12) = 0.5.
    expect(lift.orders!.difference).toBeCloseTo(1.5, 10);
    expect(lift.orders!.low).toBeCloseTo(0.520018, 5);
    expect(lift.orders!.high).toBeCloseTo(2.479982, 5);
    expect(lift.orders!.significant).toBe(true);
    // A group of one customer has no variance: no interval rather than a false one.
    expect(lift.revenue).toBeNull();
  });

  it("draws retention curves with a gap where nobody was observed that long", () => {
    expect(
      retentionCurves(
        { observed: [4, 4, 2], repeated: [1, 2, 2] },
        { observed: [2, 0], repeated: [1, 0] },
      ),
    ).toEqual([
      { week: 1, members: 0.25, control: 0.5 },
      { week: 2, members: 0.5, control: null },
      { week: 3, members: 1, control: null },
    ]);
  });
});

describe("difference in differences on a hand-made panel", () => {
  // Members' orders before → after launch: 1→3, 2→3, 0→2 (changes 2, 1, 2).
  // Comparison: 1→1, 2→3, 1→2, 0→0 (changes 0, 1, 1, 0).
  const panel = [
    { member: true, before: 1, after: 3 },
    { member: true, before: 2, after: 3 },
    { member: true, before: 0, after: 2 },
    { member: false, before: 1, after: 1 },
    { member: false, before: 2, after: 3 },
    { member: false, before: 1, after: 2 },
    { member: false, before: 0, after: 0 },
  ];

  it("is the members' change minus the comparison group's change, with its interval", () => {
    const did = diffInDiffFromPanel(panel);
    expect(did.membersBefore).toBeCloseTo(1, 10);
    expect(did.membersAfter).toBeCloseTo(8 / 3, 10);
    expect(did.comparisonBefore).toBeCloseTo(1, 10);
    expect(did.comparisonAfter).toBeCloseTo(1.5, 10);
    // 5/3 − 1/2 = 7/6; both change variances 1/3; se = √(1/9 + 1/12) = √(7/36).
    expect(did.estimate!.difference).toBeCloseTo(7 / 6, 10);
    expect(did.estimate!.low).toBeCloseTo(7 / 6 - 1.959964 * Math.sqrt(7 / 36), 5);
    expect(did.estimate!.high).toBeCloseTo(2.030929, 5);
    expect(did.estimate!.significant).toBe(true);
  });

  it("removes a trend common to both groups and differences that were there before launch", () => {
    const shifted = panel.map((r) => ({
      ...r,
      before: r.before + (r.member ? 10 : 0),
      after: r.after + 4 + (r.member ? 10 : 0),
    }));
    expect(diffInDiffFromPanel(shifted).estimate!.difference).toBeCloseTo(7 / 6, 10);
    const parallel = panel.filter((r) => !r.member).flatMap((r) => [r, { ...r, member: true }]);
    expect(diffInDiffFromPanel(parallel).estimate!.difference).toBeCloseTo(0, 10);
  });

  it("labels its statement as weaker evidence", () => {
    const sentence = diffInDiffSentence(
      { difference: 0.04, low: 0.01, high: 0.07, significant: true },
      8,
    );
    expect(sentence).toMatch(/^Members' repeat rate in the 8 weeks after launch rose more/);
    expect(sentence).toContain("+4.0 pp, 95% CI +1.0 pp to +7.0 pp");
    expect(sentence).toContain("Weaker evidence than a control group");
  });
});

describe("the 95% interval covers a known simulated effect at about the stated rate", () => {
  const RUNS = 500;
  // 900 members and 100 control (a 10% control group), as in the demo programs.
  const MEMBERS = 900;
  const CONTROL = 100;

  const coverage = (draw: (next: () => number, member: boolean) => number, truth: number) => {
    const next = mulberry32(20261123);
    let covered = 0;
    for (let run = 0; run < RUNS; run++) {
      const members = Array.from({ length: MEMBERS }, () => draw(next, true));
      const control = Array.from({ length: CONTROL }, () => draw(next, false));
      const lift = measuredLift({
        repeat: { members: summarizeGroup(members), control: summarizeGroup(control) },
        orders: { members: summarizeGroup(members), control: summarizeGroup(control) },
        revenue: { members: summarizeGroup(members), control: summarizeGroup(control) },
      });
      if (lift.repeat!.low <= truth && truth <= lift.repeat!.high) covered++;
    }
    return covered / RUNS;
  };

  it("for the repeat-purchase rate (30% without the program, +5 points with it)", () => {
    const rate = coverage((next, member) => (next() < (member ? 0.35 : 0.3) ? 1 : 0), 0.05);
    // Binomial standard error of the coverage over 500 runs is about 0.01.
    expect(rate).toBeGreaterThan(0.92);
    expect(rate).toBeLessThan(0.98);
  });

  it("for orders per customer (Poisson, 1.2 a customer without the program, +0.2 with it)", () => {
    const poisson = (next: () => number, lambda: number) => {
      const limit = Math.exp(-lambda);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    };
    const rate = coverage((next, member) => poisson(next, member ? 1.4 : 1.2), 0.2);
    expect(rate).toBeGreaterThan(0.92);
    expect(rate).toBeLessThan(0.98);
  });
});
