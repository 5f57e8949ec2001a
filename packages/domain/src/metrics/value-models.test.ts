import { describe, expect, it } from "vitest";
import {
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  simulateBgNbd,
  type BgNbdParams,
} from "./bg-nbd";
import { expectedMeanValue, fitGammaGamma, simulateGammaGamma } from "./gamma-gamma";
import { seededRandom } from "./random";
import { logGamma, logHyp2F1 } from "./special-functions";

const within = (actual: number, expected: number, share: number) =>
  Math.abs(actual - expected) <= share * expected;

describe("special functions", () => {
  it("log-gamma and the hypergeometric series agree with known values", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    expect(Math.exp(logHyp2F1(1, 1, 2, 0.5))).toBeCloseTo(-Math.log(0.5) / 0.5, 10);
    // Many purchases and a long horizon stay finite (log space, no overflow).
    expect(Number.isFinite(logHyp2F1(400, 350, 380, 0.9))).toBe(true);
  });
});

describe("BG/NBD", () => {
  // Close to the CDNOW estimates of Fader, Hardie & Lee (r 0.24, α 4.41, a 0.79, b 2.43).
  const truth: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };

  it("recovers the parameters of simulated data: r and α within 15%, a and b within 35%", () => {
    const random = seededRandom(42);
    const ages = Array.from({ length: 20_000 }, () => 26 + random() * 52);
    const fit = fitBgNbd(simulateBgNbd(truth, ages, random));
    expect(within(fit.params.r, truth.r, 0.15), `r ${fit.params.r}`).toBe(true);
    expect(within(fit.params.alpha, truth.alpha, 0.15), `α ${fit.params.alpha}`).toBe(true);
    expect(within(fit.params.a, truth.a, 0.35), `a ${fit.params.a}`).toBe(true);
    expect(within(fit.params.b, truth.b, 0.35), `b ${fit.params.b}`).toBe(true);
  });

  it("expects as many purchases as simulated customers make (new customers, 52 weeks)", () => {
    const random = seededRandom(7);
    const simulated = simulateBgNbd(
      truth,
      Array.from({ length: 40_000 }, () => 52),
      random,
    );
    const mean = simulated.reduce((s, c) => s + c.x, 0) / simulated.length;
    expect(within(expectedPurchases(truth, { x: 0, tx: 0, T: 0 }, 52), mean, 0.05)).toBe(true);
  });

  it("is sure a customer without repeat purchases is alive, and doubts a frequent buyer gone quiet", () => {
    expect(probabilityAlive(truth, { x: 0, tx: 0, T: 40 })).toBe(1);
    const quiet = probabilityAlive(truth, { x: 10, tx: 10, T: 60 });
    const recent = probabilityAlive(truth, { x: 10, tx: 59, T: 60 });
    expect(quiet).toBeLessThan(0.05);
    expect(recent).toBeGreaterThan(0.8);
    expect(Number.isFinite(expectedPurchases(truth, { x: 300, tx: 99, T: 100 }, 52))).toBe(true);
  });
});

describe("Gamma-Gamma", () => {
  it("recovers the parameters of simulated spend within 25%, and shrinks a customer's mean towards the population's", () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const random = seededRandom(3);
    const counts = Array.from({ length: 10_000 }, () => 1 + Math.floor(random() * 6));
    const fit = fitGammaGamma(simulateGammaGamma(truth, counts, random));
    expect(within(fit.params.p, truth.p, 0.25), `p ${fit.params.p}`).toBe(true);
    expect(within(fit.params.q, truth.q, 0.25), `q ${fit.params.q}`).toBe(true);
    expect(within(fit.params.gamma, truth.gamma, 0.25), `γ ${fit.params.gamma}`).toBe(true);
    const population = (truth.p * truth.gamma) / (truth.q - 1);
    const big = expectedMeanValue(truth, { x: 1, meanValue: 200 });
    expect(big).toBeLessThan(200);
    expect(big).toBeGreaterThan(population);
  });
});
