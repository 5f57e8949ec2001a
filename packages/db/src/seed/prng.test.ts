import { describe, expect, it } from "vitest";
import { Rng } from "./prng";

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("Rng", () => {
  it("repeats a stream for the same seed and differs across seeds and streams", () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(7)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(7)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(8)),
    );
    const d = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(7, 1)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(d);
  });

  it("samples gamma and beta with the right means", () => {
    const rng = new Rng(1);
    expect(mean(Array.from({ length: 20_000 }, () => rng.gamma(3, 2)))).toBeCloseTo(6, 0);
    expect(mean(Array.from({ length: 20_000 }, () => rng.gamma(0.5, 1)))).toBeCloseTo(0.5, 1);
    expect(mean(Array.from({ length: 20_000 }, () => rng.beta(2, 6)))).toBeCloseTo(0.25, 1);
    expect(mean(Array.from({ length: 20_000 }, () => rng.poisson(3)))).toBeCloseTo(3, 0);
  });

  it("keeps uniform draws in range", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const x = rng.int(18, 75);
      expect(x).toBeGreaterThanOrEqual(18);
      expect(x).toBeLessThanOrEqual(75);
    }
  });
});
