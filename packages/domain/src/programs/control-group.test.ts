import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  controlHash,
  controlPosition,
  isControl,
  stratifiedControl,
  stratumControlSize,
} from "./control-group";

describe("control group hold-out", () => {
  it("gives the same answer on every call", () => {
    expect(controlHash(7, 12345)).toBe(controlHash(7, 12345));
    expect(isControl(3, 99, 1000)).toBe(isControl(3, 99, 1000));
  });

  it("pins known values, so a change to the hash (which would reshuffle live programs) fails here", () => {
    expect([
      controlHash(1, 1),
      controlHash(1, 2),
      controlHash(2, 1),
      controlHash(123, 45678),
    ]).toEqual([3845195771, 4277687882, 1455606463, 168055550]);
    expect(controlHash(1, 2)).not.toBe(controlHash(2, 1));
  });

  it("holds out close to the requested share", () => {
    for (const bp of [0, 1000, 2500, 5000]) {
      let held = 0;
      for (let c = 1; c <= 20000; c++) if (isControl(42, c, bp)) held++;
      expect(Math.abs(held / 20000 - bp / 10000)).toBeLessThan(0.01);
    }
  });

  it("holds out nobody at 0% and puts different customers out for different programs", () => {
    let same = 0;
    for (let c = 1; c <= 5000; c++) {
      expect(isControl(1, c, 0)).toBe(false);
      if (isControl(1, c, 1000) && isControl(2, c, 1000)) same++;
    }
    // Independent programs: about 10% × 10% of customers are held out of both.
    expect(same / 5000).toBeLessThan(0.03);
  });

  it("positions fall in [0, 1)", () => {
    for (let c = 1; c <= 1000; c++) {
      const p = controlPosition(9, c);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
    }
  });
});

describe("control group stratified by home store", () => {
  it("rounds each store's share to whole customers, at least one from half a customer", () => {
    expect([0, 1, 4, 5, 6, 14, 15, 100].map((n) => stratumControlSize(n, 1000))).toEqual([
      0, 0, 0, 1, 1, 1, 2, 10,
    ]);
    expect(stratumControlSize(7, 0)).toBe(0);
    expect(stratumControlSize(7, 5000)).toBe(4);
  });

  it("holds out the store's lowest hashes, so the same customers are held out on every run", () => {
    const customers = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, storeId: 1 }));
    const held = stratifiedControl(5, customers, 1000);
    expect(held.size).toBe(3);
    const lowest = [...customers]
      .sort((a, b) => controlHash(5, a.id) - controlHash(5, b.id))
      .slice(0, 3)
      .map((c) => c.id);
    expect([...held].sort((a, b) => a - b)).toEqual(lowest.sort((a, b) => a - b));
    expect(stratifiedControl(5, [...customers].reverse(), 1000)).toEqual(held);
  });

  it("represents a small store the plain hash may leave out", () => {
    // A store of 8 at 10% holds out one; the plain hash holds out nobody there for this program.
    const small = Array.from({ length: 8 }, (_, i) => ({ id: 1000 + i, storeId: 2 }));
    const program = [...Array(200).keys()].find((p) =>
      small.every((c) => !isControl(p + 1, c.id, 1000)),
    )!;
    expect(stratifiedControl(program + 1, small, 1000).size).toBe(1);
  });

  it("property: in every store, |control − share × n| ≤ 1 and the held-out come from that store", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.uniqueArray(
          fc.record({
            id: fc.integer({ min: 1, max: 1_000_000 }),
            storeId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
          }),
          { selector: (c) => c.id, maxLength: 300 },
        ),
        (programId, bp, customers) => {
          const held = stratifiedControl(programId, customers, bp);
          const stores = new Set(customers.map((c) => c.storeId));
          for (const store of stores) {
            const inStore = customers.filter((c) => c.storeId === store);
            const control = inStore.filter((c) => held.has(c.id)).length;
            expect(Math.abs(control - (bp / 10000) * inStore.length)).toBeLessThanOrEqual(1);
            // Rounded, in fact: within half a customer.
            expect(Math.abs(control - (bp / 10000) * inStore.length)).toBeLessThanOrEqual(0.5);
          }
          for (const id of held) expect(customers.some((c) => c.id === id)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
