/**
 * A business's order history as columns: one slice of the order arrays per customer, ordered by
 * customer then time. Columns instead of one object per order keep 100k+ orders cheap to load,
 * send to a job and replay several times.
 */
export interface OrderHistory {
  /** Customer ids, one per customer. */
  readonly customerIds: readonly string[];
  /** Customer i's orders are indices offsets[i] .. offsets[i + 1] - 1; length customers + 1. */
  readonly offsets: readonly number[];
  readonly orderIds: readonly string[];
  /** UTC epoch milliseconds. */
  readonly at: readonly number[];
  /** Order value before discounts, minor units. */
  readonly amount: readonly number[];
  /** Store id per order (null for none). */
  readonly storeIds: readonly (string | null)[];
  readonly channels: readonly (string | null)[];
  /** The order's distinct item categories, when a candidate needs them (stamp cards, bundles). */
  readonly categories?: readonly (readonly string[])[];
}

/** The period replayed: [from, to) in UTC epoch milliseconds. */
export interface SimulationPeriod {
  readonly from: number;
  readonly to: number;
}

export const customerCount = (history: OrderHistory): number => history.customerIds.length;

export const orderCount = (history: OrderHistory): number => history.orderIds.length;

/** Refuses histories whose columns disagree, with the first problem found. */
export const checkHistory = (history: OrderHistory): string | null => {
  const n = history.orderIds.length;
  if (history.offsets.length !== history.customerIds.length + 1)
    return "offsets must have one entry per customer plus one";
  if (history.offsets[0] !== 0 || history.offsets[history.offsets.length - 1] !== n)
    return "offsets must start at 0 and end at the order count";
  for (const column of [history.at, history.amount, history.storeIds, history.channels] as const)
    if (column.length !== n) return "every order column must have one entry per order";
  if (history.categories !== undefined && history.categories.length !== n)
    return "categories must have one entry per order";
  for (let c = 0; c < history.customerIds.length; c++) {
    const start = history.offsets[c] as number;
    const end = history.offsets[c + 1] as number;
    if (end < start) return "offsets must not go down";
    for (let i = start + 1; i < end; i++)
      if ((history.at[i] as number) < (history.at[i - 1] as number))
        return `orders of customer ${history.customerIds[c]} are not in time order`;
  }
  return null;
};
