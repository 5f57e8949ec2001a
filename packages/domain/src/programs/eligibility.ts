import type { CommonParams } from "./common-params";
import type { Millis, Minor, OrderEvent } from "./events";
import { proportion } from "../money";

export const DAY_MS = 86_400_000;

/** Common rules in the shape the hot path wants: sets and numbers, no arrays to scan. */
export interface CompiledCommon {
  readonly segments: ReadonlySet<string> | null;
  readonly startsAt: Millis;
  readonly endsAt: Millis;
  /** Bit d set: day d (0 = Sunday) allowed; 0 means every day. */
  readonly dayMask: number;
  readonly channels: ReadonlySet<string> | null;
  readonly stores: ReadonlySet<string> | null;
  readonly excluded: ReadonlySet<string> | null;
  readonly budgetCap: Minor;
  readonly perCustomerCap: Minor;
  readonly refundWindowMs: Millis;
}

const setOrNull = (values: readonly string[]): ReadonlySet<string> | null =>
  values.length === 0 ? null : new Set(values);

export const compileCommon = (p: CommonParams): CompiledCommon => ({
  segments: setOrNull(p.segments),
  startsAt: p.startsAt ?? -Infinity,
  endsAt: p.endsAt ?? Infinity,
  dayMask: p.daysOfWeek.reduce((mask, day) => mask | (1 << day), 0),
  channels: setOrNull(p.channels),
  stores: setOrNull(p.stores),
  excluded: setOrNull(p.excludedCategories),
  budgetCap: p.budgetCap,
  perCustomerCap: p.perCustomerCap,
  refundWindowMs: p.refundWindowDays * DAY_MS,
});

// 1970-01-01 was a Thursday (day 4).
const dayOfWeek = (at: Millis): number => (Math.floor(at / DAY_MS) + 4) % 7;

export const outsideScheduleReason = (c: CompiledCommon, at: Millis): string | null => {
  if (at < c.startsAt) return "the program has not started yet";
  if (at >= c.endsAt) return "the program has ended";
  if (c.dayMask !== 0 && (c.dayMask & (1 << dayOfWeek(at))) === 0) return "not on a program day";
  return null;
};

const anyIn = (set: ReadonlySet<string>, values: readonly string[] | undefined): boolean => {
  if (values === undefined) return false;
  for (const value of values) if (set.has(value)) return true;
  return false;
};

/**
 * Why an order takes no part in the program, or null when it does. `happened` is when it was placed
 * (the engine applies a late order as of the customer's last event, but judges it at its own time).
 */
export const ineligibleReason = (
  c: CompiledCommon,
  order: OrderEvent,
  happened: Millis = order.at,
): string | null => {
  const schedule = outsideScheduleReason(c, happened);
  if (schedule !== null) return schedule;
  if (c.segments !== null && !anyIn(c.segments, order.segments))
    return "customer is not in an eligible segment";
  if (c.channels !== null && (order.channel === undefined || !c.channels.has(order.channel)))
    return "channel not in the program";
  if (c.stores !== null && (order.storeId === undefined || !c.stores.has(order.storeId)))
    return "store not in the program";
  return null;
};

/**
 * The part of an order the program works on: lines outside excluded categories, minus their share
 * of outside discounts. Without lines (or exclusions) the whole order counts.
 */
export const eligibleAmount = (c: CompiledCommon, order: OrderEvent): Minor => {
  const outside = order.discount ?? 0;
  if (c.excluded === null || order.lines === undefined) return Math.max(0, order.amount - outside);
  let gross = 0;
  for (const line of order.lines)
    if (!c.excluded.has(line.category)) gross += line.unitPrice * line.quantity;
  return Math.max(0, gross - proportion(outside, gross, order.amount));
};
