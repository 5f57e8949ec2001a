import { nelderMead } from "./nelder-mead";
import { sampleGamma, type Random } from "./random";
import { logGamma } from "./special-functions";

/** Gamma-Gamma spend model (Fader, Hardie & Lee 2005b): per-customer mean spend, independent of frequency. */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/** Repeat purchases x (> 0) and their mean value. */
export type SpendSummary = { x: number; meanValue: number };

export function gammaGammaLogLikelihood(
  { p, q, gamma }: GammaGammaParams,
  { x, meanValue: m }: SpendSummary,
): number {
  return (
    logGamma(p * x + q) -
    logGamma(p * x) -
    logGamma(q) +
    q * Math.log(gamma) +
    (p * x - 1) * Math.log(m) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(gamma + m * x)
  );
}

export function fitGammaGamma(customers: readonly SpendSummary[]): {
  params: GammaGammaParams;
  logLikelihood: number;
} {
  const usable = customers.filter((c) => c.x > 0 && c.meanValue > 0);
  if (usable.length === 0)
    throw new RangeError("Gamma-Gamma needs customers with repeat purchases of positive value.");
  const unpack = (v: number[]): GammaGammaParams => ({
    p: Math.exp(v[0]!),
    q: Math.exp(v[1]!),
    gamma: Math.exp(v[2]!),
  });
  const mean = usable.reduce((s, c) => s + c.meanValue, 0) / usable.length;
  const negative = (v: number[]) => {
    const params = unpack(v);
    let sum = 0;
    for (const c of usable) sum += gammaGammaLogLikelihood(params, c);
    return -sum;
  };
  let best = nelderMead(negative, [0, Math.log(2), Math.log(mean)], { maxIterations: 3000 });
  best = nelderMead(negative, best.x, { step: 0.1, maxIterations: 3000 });
  return { params: unpack(best.x), logLikelihood: -best.value };
}

/** Expected mean order value of a customer given their repeat purchases. */
export function expectedMeanValue(
  { p, q, gamma }: GammaGammaParams,
  { x, meanValue }: SpendSummary,
): number {
  if (q <= 1) throw new RangeError("The expected-spend formula needs q > 1.");
  return ((gamma + meanValue * x) * p) / (p * x + q - 1);
}

export function simulateGammaGamma(
  params: GammaGammaParams,
  counts: readonly number[],
  random: Random,
): SpendSummary[] {
  return counts.map((x) => {
    const nu = sampleGamma(random, params.q, params.gamma);
    let total = 0;
    for (let i = 0; i < x; i++) total += sampleGamma(random, params.p, nu);
    return { x, meanValue: total / x };
  });
}
