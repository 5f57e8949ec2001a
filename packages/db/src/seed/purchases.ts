import { atShopHour, DAY_MS, demand, MAX_DEMAND } from "./calendar";
import type { Behaviour, Span } from "./customer-profile";
import type { Rng } from "./prng";

/**
 * The next instant after `t` at which a Poisson process of `rate` per day, modulated by demand
 * (weekday and season), fires; by thinning a faster homogeneous process.
 */
function nextArrival(rng: Rng, t: number, rate: number, end: number): number | null {
  for (;;) {
    t += rng.exponential(rate * MAX_DEMAND) * DAY_MS;
    if (t >= end) return null;
    if (rng.next() * MAX_DEMAND < demand(t)) return t;
  }
}

/**
 * BG/NBD purchase times: while alive the customer buys at `rate`, and after each purchase drops out
 * with chance `dropout`. Purchases before the span are simulated (they shape who is still alive)
 * but not returned, since the data covers the span only.
 */
export function purchaseTimes(
  rng: Rng,
  behaviour: Behaviour,
  signedUpAt: number,
  span: Span,
): number[] {
  const times: number[] = [];
  // Most people buy within days of signing up (sign-up usually happens at the till).
  const firstRate = rng.chance(0.85) ? 1 / 3 : 1 / 45;
  let t = nextArrival(rng, signedUpAt, firstRate, span.asOf);
  let previous = signedUpAt;
  while (t !== null) {
    let placed = atShopHour(t, rng);
    if (placed <= previous) placed = previous + 3_600_000;
    if (placed >= span.asOf) break;
    if (placed >= span.start) times.push(placed);
    previous = placed;
    if (rng.chance(behaviour.dropout)) break;
    t = nextArrival(rng, Math.max(t, placed), behaviour.rate, span.asOf);
  }
  return times;
}
