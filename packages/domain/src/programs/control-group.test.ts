import { describe, expect, it } from "vitest";
import { controlHash, controlPosition, isControl } from "./control-group";

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
