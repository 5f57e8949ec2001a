import { expectedPurchases, probabilityAlive, type BgNbdParams, type RfmSummary } from "./bg-nbd";
import { expectedMeanValue, type GammaGammaParams } from "./gamma-gamma";
import { nelderMead } from "./nelder-mead";
import { seededRandom } from "./random";
import { logGamma, logSumExp } from "./special-functions";

/** Both value models' parameters; Gamma-Gamma is null when there is too little repeat spend to fit it. */
export type ValueModelParams = { bgNbd: BgNbdParams; gammaGamma: GammaGammaParams | null };

/** A customer's purchase summary with the mean value of their repeat orders (0 without repeats). */
export type ValueCustomer = RfmSummary & { meanValue: number };

/** A 90% interval: the 5th and 95th percentiles. */
export type ValueInterval = { low: number; high: number };

/** The q-quantile of the finite values, linearly interpolated; NaN for none. */
export function valueQuantile(values: readonly number[], q: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((p, s) => p - s);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function valueInterval(values: readonly number[], level = 0.9): ValueInterval {
  const tail = (1 - level) / 2;
  return { low: valueQuantile(values, tail), high: valueQuantile(values, 1 - tail) };
}

/**
 * BG/NBD negative log-likelihood with a weight per customer (a bootstrap resample's draw counts).
 * Terms that depend only on the number of repeat purchases are computed once per distinct count,
 * which makes it several times faster than summing bgNbdLogLikelihood customer by customer.
 */
function weightedBgNbd(customers: readonly RfmSummary[]) {
  const maxX = customers.reduce((m, c) => Math.max(m, c.x), 0);
  const perX = new Float64Array(maxX + 1);
  const dropX = new Float64Array(maxX + 1);
  return (v: number[], weights: Float64Array): number => {
    const r = Math.exp(v[0]!);
    const alpha = Math.exp(v[1]!);
    const a = Math.exp(v[2]!);
    const b = Math.exp(v[3]!);
    const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    for (let x = 0; x <= maxX; x++) {
      perX[x] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      dropX[x] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    }
    let sum = 0;
    for (let i = 0; i < customers.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      const { x, tx, T } = customers[i]!;
      const a3 = -(r + x) * Math.log(alpha + T);
      const a4 = x > 0 ? dropX[x]! - (r + x) * Math.log(alpha + tx) : -Infinity;
      sum += w * (perX[x]! + logSumExp(a3, a4));
    }
    return -sum;
  };
}

function weightedGammaGamma(customers: readonly { x: number; meanValue: number }[]) {
  return (v: number[], weights: Float64Array): number => {
    const p = Math.exp(v[0]!);
    const q = Math.exp(v[1]!);
    const gamma = Math.exp(v[2]!);
    const base = -logGamma(q) + q * Math.log(gamma);
    let sum = 0;
    for (let i = 0; i < customers.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      const { x, meanValue: m } = customers[i]!;
      sum +=
        w *
        (base +
          logGamma(p * x + q) -
          logGamma(p * x) +
          (p * x - 1) * Math.log(m) +
          p * x * Math.log(x) -
          (p * x + q) * Math.log(gamma + m * x));
    }
    return -sum;
  };
}

const logBg = (p: BgNbdParams) => [p.r, p.alpha, p.a, p.b].map(Math.log);
const logGg = (p: GammaGammaParams) => [p.p, p.q, p.gamma].map(Math.log);

export type BootstrapOptions = {
  /** Resamples (100–200 give stable 90% intervals). */
  resamples: number;
  seed: number;
  /**
   * How many customers the point estimate was fitted on, when `customers` is a smaller subsample
   * of them: each resample's deviation from the subsample's own fit is shrunk by √(m/n) on the
   * log scale (the m-out-of-n bootstrap), so the interval is that of a fit on `fittedOn` customers.
   */
  fittedOn?: number;
};

/**
 * The nonparametric bootstrap over customers: resamples the customers with replacement and refits
 * both models on each resample, warm-started from the point estimate (a short Nelder–Mead from
 * there converges in a fraction of a cold fit). Returns one parameter set per resample.
 */
export function bootstrapValueModels(
  customers: readonly ValueCustomer[],
  point: ValueModelParams,
  options: BootstrapOptions,
): ValueModelParams[] {
  const n = customers.length;
  if (n === 0) return [];
  const random = seededRandom(options.seed);
  const bg = weightedBgNbd(customers);
  const spenders: { index: number; x: number; meanValue: number }[] = [];
  customers.forEach((c, index) => {
    if (c.x > 0 && c.meanValue > 0) spenders.push({ index, x: c.x, meanValue: c.meanValue });
  });
  const gg = weightedGammaGamma(spenders);
  const ones = new Float64Array(n).fill(1);
  const spenderOnes = new Float64Array(spenders.length).fill(1);
  const fit = (f: (v: number[]) => number, start: number[]) =>
    nelderMead(f, start, { step: 0.1, maxIterations: 600, tolerance: 1e-8 }).x;
  // The subsample's own fit is the centre the resamples deviate from.
  const bgCentre = fit((v) => bg(v, ones), logBg(point.bgNbd));
  const ggCentre =
    point.gammaGamma && spenders.length > 0
      ? fit((v) => gg(v, spenderOnes), logGg(point.gammaGamma))
      : null;
  const shrink = options.fittedOn && options.fittedOn > n ? Math.sqrt(n / options.fittedOn) : 1;
  const around = (pointLog: number[], centre: number[], resampled: number[]) =>
    resampled.map((v, j) => Math.exp(pointLog[j]! + shrink * (v - centre[j]!)));

  const weights = new Float64Array(n);
  const spenderWeights = new Float64Array(spenders.length);
  const sets: ValueModelParams[] = [];
  for (let k = 0; k < options.resamples; k++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[Math.floor(random() * n)]! += 1;
    const bgLog = around(
      logBg(point.bgNbd),
      bgCentre,
      fit((v) => bg(v, weights), bgCentre),
    );
    let gammaGamma: GammaGammaParams | null = null;
    if (point.gammaGamma && ggCentre) {
      spenders.forEach((s, i) => (spenderWeights[i] = weights[s.index]!));
      const g = around(
        logGg(point.gammaGamma),
        ggCentre,
        fit((v) => gg(v, spenderWeights), ggCentre),
      );
      gammaGamma = { p: g[0]!, q: g[1]!, gamma: g[2]! };
    }
    sets.push({
      bgNbd: { r: bgLog[0]!, alpha: bgLog[1]!, a: bgLog[2]!, b: bgLog[3]! },
      gammaGamma,
    });
  }
  return sets;
}

/** A customer's predictions for the next `horizon` time units under one parameter set. */
export function predictValue(
  params: ValueModelParams,
  c: ValueCustomer,
  horizon: number,
): { probabilityActive: number; purchases: number; revenue: number | null } {
  const purchases = expectedPurchases(params.bgNbd, c, horizon);
  const spend =
    params.gammaGamma && params.gammaGamma.q > 1
      ? expectedMeanValue(params.gammaGamma, { x: c.x, meanValue: c.meanValue })
      : null;
  return {
    probabilityActive: probabilityAlive(params.bgNbd, c),
    purchases,
    revenue: spend === null ? null : purchases * spend,
  };
}

/** 90% intervals of one customer's expected purchases and revenue across resampled parameter sets. */
export function customerValueInterval(
  sets: readonly ValueModelParams[],
  c: ValueCustomer,
  horizon: number,
): { purchases: ValueInterval; revenue: ValueInterval | null } {
  const predictions = sets.map((s) => predictValue(s, c, horizon));
  const revenues = predictions.flatMap((p) => (p.revenue === null ? [] : [p.revenue]));
  return {
    purchases: valueInterval(predictions.map((p) => p.purchases)),
    revenue: revenues.length > 0 ? valueInterval(revenues) : null,
  };
}

/**
 * Population totals of expected purchases and revenue with 90% intervals, over `customers` (a
 * sample of the base) scaled by `scale` (base size / sample size).
 */
export function populationValueInterval(
  point: ValueModelParams,
  sets: readonly ValueModelParams[],
  customers: readonly ValueCustomer[],
  horizon: number,
  scale = 1,
) {
  const totals = (params: ValueModelParams) => {
    let purchases = 0;
    let revenue: number | null = params.gammaGamma && params.gammaGamma.q > 1 ? 0 : null;
    for (const c of customers) {
      const p = predictValue(params, c, horizon);
      purchases += p.purchases;
      if (revenue !== null && p.revenue !== null) revenue += p.revenue;
    }
    return { purchases: purchases * scale, revenue: revenue === null ? null : revenue * scale };
  };
  const estimate = totals(point);
  const resampled = sets.map(totals);
  const revenues = resampled.flatMap((t) => (t.revenue === null ? [] : [t.revenue]));
  return {
    purchases: {
      estimate: estimate.purchases,
      ...valueInterval(resampled.map((t) => t.purchases)),
    },
    revenue:
      estimate.revenue === null || revenues.length === 0
        ? null
        : { estimate: estimate.revenue, ...valueInterval(revenues) },
  };
}
