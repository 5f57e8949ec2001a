import { nelderMead } from "./nelder-mead";
import { sampleBeta, sampleGamma, type Random } from "./random";
import { logGamma, logHyp2F1, logSumExp } from "./special-functions";

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): purchases follow a
 * Poisson process with a gamma(r, α) rate across customers; after each purchase a customer drops
 * out with a beta(a, b) probability. Time is in any fixed unit (we use weeks).
 */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

/** A customer's summary: repeat purchases x, time of the last purchase tx and age T, from the first purchase. */
export type RfmSummary = { x: number; tx: number; T: number };

export function bgNbdLogLikelihood(
  { r, alpha, a, b }: BgNbdParams,
  { x, tx, T }: RfmSummary,
): number {
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logSumExp(a3, a4);
}

/** Maximum-likelihood fit by Nelder–Mead on log-parameters (keeps them positive). */
export function fitBgNbd(customers: readonly RfmSummary[]): {
  params: BgNbdParams;
  logLikelihood: number;
} {
  if (customers.length === 0) throw new RangeError("BG/NBD needs at least one customer to fit.");
  const unpack = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const meanT = customers.reduce((s, c) => s + c.T, 0) / customers.length;
  const negative = (v: number[]) => {
    const p = unpack(v);
    let sum = 0;
    for (const c of customers) sum += bgNbdLogLikelihood(p, c);
    return -sum;
  };
  let best = nelderMead(negative, [0, Math.log(Math.max(1, meanT / 4)), 0, 0], {
    maxIterations: 3000,
  });
  // A restart from the optimum escapes a collapsed simplex.
  best = nelderMead(negative, best.x, { step: 0.1, maxIterations: 3000 });
  return { params: unpack(best.x), logLikelihood: -best.value };
}

/** log of the ratio a/(b+x−1)·((α+T)/(α+tx))^(r+x) that weighs "dropped out after the last purchase". */
function logDropoutOdds({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: RfmSummary): number {
  if (x === 0) return -Infinity;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** Probability the customer has not dropped out by T. */
export function probabilityAlive(params: BgNbdParams, c: RfmSummary): number {
  const odds = logDropoutOdds(params, c);
  return odds === -Infinity ? 1 : 1 / (1 + Math.exp(odds));
}

/** Expected purchases in the next `t` time units, given the customer's history. */
export function expectedPurchases(params: BgNbdParams, c: RfmSummary, t: number): number {
  const { r, alpha, a, b } = params;
  const { x, T } = c;
  // The closed form divides by a − 1; it holds on both sides of 1 (numerator and bracket change sign together).
  if (a === 1)
    throw new RangeError("The expected-purchases formula is undefined at a = 1 exactly.");
  const logPower = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const logHyp = logHyp2F1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const bracket = 1 - Math.exp(logPower + logHyp);
  const lead = (a + b + x - 1) / (a - 1);
  return lead * bracket * probabilityAlive(params, c);
}

/** Simulates customers from known parameters (for parameter-recovery tests and calibration checks). */
export function simulateBgNbd(
  params: BgNbdParams,
  ages: readonly number[],
  random: Random,
): RfmSummary[] {
  return ages.map((T) => {
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = sampleBeta(random, params.a, params.b);
    let time = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      time += -Math.log(1 - random()) / lambda;
      if (time > T) break;
      x += 1;
      tx = time;
      if (random() < p) break;
    }
    return { x, tx, T };
  });
}
