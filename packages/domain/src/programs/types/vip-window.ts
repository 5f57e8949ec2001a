/** What one order contributed to VIP qualification; refunds shrink it in place. */
export interface WindowEntry {
  readonly orderId: string;
  readonly at: number;
  spend: number;
  points: number;
  purchases: number;
}

/**
 * Sums what was *earned* inside the window and drops older entries. It never looks at the points
 * balance: redeeming points must not cost a customer their status.
 */
export const windowTotal = (window: WindowEntry[], by: "spend" | "purchases" | "points", from: number): number => {
  let n = 0;
  while (n < window.length && (window[n] as WindowEntry).at < from) n++;
  if (n > 0) window.splice(0, n);
  let total = 0;
  for (const entry of window) total += by === "spend" ? entry.spend : by === "points" ? entry.points : entry.purchases;
  return total;
};

export const qualifyingTier = (thresholds: readonly number[], total: number): number => {
  let tier = -1;
  for (let i = 0; i < thresholds.length; i++) if (total >= (thresholds[i] as number)) tier = i;
  return tier;
};
