/** Log-gamma by the Lanczos approximation (g = 7, n = 9): ~15 significant digits for x > 0. */
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = lanczos[0]!;
  for (let i = 1; i < 9; i++) sum += lanczos[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * log of the Gauss hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1 and positive a, b, c, summed in
 * log space so large terms (many purchases, long horizons) never overflow.
 */
export function logHyp2F1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  let logTerm = 0;
  let logSum = 0;
  for (let k = 0; k < 100_000; k++) {
    logTerm += Math.log(((a + k) * (b + k)) / ((c + k) * (k + 1))) + Math.log(z);
    logSum = logSumExp(logSum, logTerm);
    if (logTerm - logSum < -36) return logSum;
  }
  return logSum;
}
