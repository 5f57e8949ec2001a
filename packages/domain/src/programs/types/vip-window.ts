/** What one order contributed to VIP qualification; refunds shrink it in place. */
export interface WindowEntry {
  readonly orderId: string;
  readonly at: number;
  spend: number;
  points: number;
  purchases: number;
}

/** Orders inside the qualification window with running totals, so a review costs no re-sum. */
export interface QualificationWindow {
  entries: WindowEntry[];
  spend: number;
  points: number;
  purchases: number;
}

export type QualifyBy = "spend" | "purchases" | "points";

export const emptyWindow = (): QualificationWindow => ({
  entries: [],
  spend: 0,
  points: 0,
  purchases: 0,
});

/** Adds an order's contribution, kept in time order (a late order goes where it happened). */
export const addToWindow = (w: QualificationWindow, entry: WindowEntry): void => {
  const entries = w.entries;
  let i = entries.length;
  while (i > 0 && (entries[i - 1] as WindowEntry).at > entry.at) i--;
  if (i === entries.length) entries.push(entry);
  else entries.splice(i, 0, entry);
  w.spend += entry.spend;
  w.points += entry.points;
  w.purchases += entry.purchases;
};

/** Lowers an order's contribution (a refund); the totals follow. */
export const shrinkEntry = (
  w: QualificationWindow,
  entry: WindowEntry,
  spend: number,
  points: number,
  purchases: number,
): void => {
  entry.spend -= spend;
  entry.points -= points;
  entry.purchases -= purchases;
  w.spend -= spend;
  w.points -= points;
  w.purchases -= purchases;
};

/**
 * What was *earned* inside the window, after dropping older entries. It never looks at the points
 * balance: redeeming points must not cost a customer their status.
 */
export const windowTotal = (w: QualificationWindow, by: QualifyBy, from: number): number => {
  const entries = w.entries;
  while (entries.length > 0 && (entries[0] as WindowEntry).at < from) {
    const old = entries.shift() as WindowEntry;
    w.spend -= old.spend;
    w.points -= old.points;
    w.purchases -= old.purchases;
  }
  return by === "spend" ? w.spend : by === "points" ? w.points : w.purchases;
};

export const qualifyingTier = (thresholds: readonly number[], total: number): number => {
  let tier = -1;
  for (let i = 0; i < thresholds.length; i++) if (total >= (thresholds[i] as number)) tier = i;
  return tier;
};
