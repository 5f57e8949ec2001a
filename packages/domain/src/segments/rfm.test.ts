import { describe, expect, it } from "vitest";
import { rfmGroupFor, rfmGroupGrid, rfmGroups } from "./rfm-groups";
import { scoreRfm } from "./rfm-score";

describe("RFM groups", () => {
  it("maps every score combination to one of the eleven named groups, and uses them all", () => {
    const seen = new Set(rfmGroupGrid.map((c) => c.group));
    expect([...seen].sort()).toEqual([...rfmGroups].sort());
    expect(rfmGroupGrid).toHaveLength(25);
  });

  it("follows the documented grid", () => {
    expect(rfmGroupFor(5, 5, 5)).toBe("champions");
    expect(rfmGroupFor(5, 1, 1)).toBe("new");
    expect(rfmGroupFor(1, 1, 1)).toBe("lost");
    expect(rfmGroupFor(1, 5, 4)).toBe("cant_lose_them"); // FM = round(4.5) = 5
    expect(rfmGroupFor(3, 3, 3)).toBe("need_attention");
    expect(() => rfmGroupFor(0, 3, 3)).toThrow(RangeError);
  });
});

describe("scoreRfm", () => {
  it("gives quintiles over the base, with tied values sharing a score", () => {
    const at = (d: number) => new Date(Date.UTC(2025, 0, d));
    const buyers = Array.from({ length: 10 }, (_, i) => ({
      id: i + 1,
      lastOrderAt: at(i + 1),
      ordersCount: i < 5 ? 1 : 2,
      revenue: (i + 1) * 100,
    }));
    const scores = scoreRfm(buyers);
    expect(buyers.map((b) => scores.get(b.id)!.recency)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Half the base has one order: they all tie at the bottom; the other half shares the next score up.
    expect(buyers.map((b) => scores.get(b.id)!.frequency)).toEqual([1, 1, 1, 1, 1, 3, 3, 3, 3, 3]);
    expect(scores.get(10)!.group).toBe("champions");
  });
});
