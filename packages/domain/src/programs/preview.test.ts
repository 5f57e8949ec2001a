import { describe, expect, it } from "vitest";
import { DAY, T0 } from "./example-time";
import { createProgram } from "./parse";
import { previewProgram } from "./preview";

describe("previewProgram", () => {
  it("tells the designer what each example basket or customer gets, and why", () => {
    const created = createProgram("promo-code", {
      code: "SPRING",
      percentOff: 10,
      minOrder: 100_000,
      usesPerCustomer: 1,
    });
    if (!created.ok) throw new Error(created.errors.join("; "));
    const [small, large, twice] = previewProgram(created.value, [
      { label: "Small basket", basket: { at: T0, amount: 50_000, promoCode: "spring" } },
      { label: "Large basket", basket: { at: T0, amount: 150_000, promoCode: "SPRING" } },
      {
        label: "Uses it twice",
        events: [
          { kind: "order", id: "a", customerId: "x", at: T0, amount: 120_000, promoCode: "SPRING" },
          {
            kind: "order",
            id: "b",
            customerId: "x",
            at: T0 + DAY,
            amount: 120_000,
            promoCode: "SPRING",
          },
        ],
      },
    ]);
    expect(small).toMatchObject({
      label: "Small basket",
      discount: 0,
      reasons: ["nothing: order is below the 1,000 threshold"],
    });
    expect(large).toMatchObject({
      discount: 15_000,
      cost: 15_000,
      reasons: ["150 off: code SPRING"],
    });
    expect(twice?.discount).toBe(12_000);
    expect(twice?.reasons).toEqual(["120 off: code SPRING", "nothing: code already used 1 time"]);
  });

  it("shows pending points and the tier reached", () => {
    const created = createProgram("vip-tiers", { earnPoints: 1 });
    if (!created.ok) throw new Error(created.errors.join("; "));
    const [big] = previewProgram(created.value, [
      { label: "Big spender", basket: { at: T0, amount: 600_000 } },
    ]);
    expect(big).toMatchObject({ tier: "Gold", earned: 600, pending: 600, available: 0 });
    expect(big?.reasons).toContain("+600 points, usable from 2025-01-20: points for an order");
  });
});
