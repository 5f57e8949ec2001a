import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { StoreKpis } from "@boomerang/db";
import { chainSummary, managerDigits, roundToSignificant } from "./chain-summary";

const store = (storeId: number, revenue: number, orders: number): StoreKpis => ({
  storeId,
  revenue,
  orders,
  activeCustomers: orders,
  newCustomers: 0,
  returningCustomers: orders,
  repeatPurchaseRate: orders === 0 ? 0 : 0.5,
  retention90: null,
  averageOrderValue: orders === 0 ? 0 : revenue / orders,
  churnedCustomers: 0,
  historicalClv: orders === 0 ? 0 : revenue / orders,
  programMembers: 0,
  pointsIssued: 0,
  pointsRedeemed: 0,
  redemptionRate: null,
});

describe("the chain average a caller may see", () => {
  const rows = [
    store(1, 400_000, 10),
    store(2, 523_417, 23),
    store(3, 911_260, 41),
    store(4, 0, 0),
  ];

  it("averages the stores that sold, exactly, for chain-wide roles", () => {
    const summary = chainSummary(rows, null)!;
    expect(summary.average.revenue).toBe((400_000 + 523_417 + 911_260) / 3);
    expect(summary.ranks.get(4)).toBe(4);
  });

  it("rounds a store manager's averages to three significant digits", () => {
    const summary = chainSummary(rows, 1)!;
    // 611,559 exactly: the manager sees 612,000, so no exact sum of the other two is left to solve.
    expect(summary.average.revenue).toBe(612_000);
    expect(summary.average.orders).toBe(24.7);
    expect(summary.ranks.get(1)).toBe(3);
  });

  it("shows a store manager nothing when fewer than two other stores sold, closed ones aside", () => {
    expect(chainSummary([store(1, 400_000, 10), store(2, 523_417, 23), store(4, 0, 0)], 1)).toBe(
      null,
    );
  });

  it("rounds to the stated digits and keeps the value within half a unit of the last one", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (value) => {
        const rounded = roundToSignificant(value, managerDigits);
        const unit = 10 ** (Math.floor(Math.log10(value)) - managerDigits + 1);
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(unit / 2 + value * 1e-12);
        expect(Number(rounded.toPrecision(managerDigits))).toBe(rounded);
      }),
    );
  });
});
