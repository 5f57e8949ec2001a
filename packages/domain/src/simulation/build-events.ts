import type { OrderEvent, OrderLine, ProgramEvent } from "../programs";
import type { OrderHistory, SimulationPeriod } from "./history";
import { hashUnit } from "./prng";

/** Ids of events the simulator made up (referrals): their costs and revenue are assumptions. */
export const ASSUMED_PREFIX = "assumed:";

const DAY_MS = 86_400_000;

// One line per category with the order's value split evenly (history keeps categories, not lines).
const linesOf = (
  amount: number,
  categories: readonly string[] | undefined,
): OrderLine[] | undefined => {
  if (categories === undefined || categories.length === 0) return undefined;
  const share = Math.floor(amount / categories.length);
  return categories.map((category, i) => ({
    sku: category,
    category,
    quantity: 1,
    unitPrice: i === categories.length - 1 ? amount - share * (categories.length - 1) : share,
  }));
};

export interface CustomerEvents {
  readonly events: ProgramEvent[];
  /** Index of the customer's first order inside the period, -1 when none. */
  readonly first: number;
  readonly last: number;
}

/**
 * A member's real orders in the period as engine events, a sign-up at the first one (welcome
 * rewards), and the behaviour the response model assumes: paying with usable points on a share of
 * orders (the engine caps it at the balance and the program's limits), and, for referral
 * programs, an invited friend who converts.
 */
export const memberEvents = (
  history: OrderHistory,
  c: number,
  period: SimulationPeriod,
  opts: {
    readonly seed: number;
    readonly redemptionRate: number;
    readonly referralChance: number;
    readonly referral: boolean;
  },
): CustomerEvents => {
  const customerId = history.customerIds[c] as string;
  const start = history.offsets[c] as number;
  const end = history.offsets[c + 1] as number;
  const events: ProgramEvent[] = [];
  let first = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    const at = history.at[i] as number;
    if (at < period.from || at >= period.to) continue;
    if (first < 0) {
      first = i;
      events.push({ kind: "signup", id: `signup:${customerId}`, customerId, at });
    }
    last = i;
    const amount = history.amount[i] as number;
    const order: OrderEvent = {
      kind: "order",
      id: history.orderIds[i] as string,
      customerId,
      at,
      amount,
      storeId: history.storeIds[i] ?? undefined,
      channel: history.channels[i] ?? undefined,
      lines: linesOf(amount, history.categories?.[i]),
      redeemPoints:
        hashUnit(opts.seed, i, 2) < opts.redemptionRate ? Number.MAX_SAFE_INTEGER : undefined,
    };
    events.push(order);
  }
  if (opts.referral && first >= 0 && hashUnit(opts.seed, c, 3) < opts.referralChance) {
    const at = (history.at[first] as number) + 30 * DAY_MS;
    if (at < period.to) {
      const friendId = `${ASSUMED_PREFIX}friend:${customerId}`;
      const firstOrderAmount = Math.round(averageOrder(history, first, last));
      const id = `${ASSUMED_PREFIX}referral:${customerId}`;
      events.push({
        kind: "referral",
        id,
        customerId,
        at,
        role: "referrer",
        friendId,
        firstOrderAmount,
      });
      events.push({
        kind: "referral",
        id: `${id}:friend`,
        customerId: friendId,
        at,
        role: "referee",
        friendId: customerId,
        firstOrderAmount,
      });
    }
  }
  return { events, first, last };
};

const averageOrder = (history: OrderHistory, first: number, last: number): number => {
  let sum = 0;
  for (let i = first; i <= last; i++) sum += history.amount[i] as number;
  return sum / (last - first + 1);
};
