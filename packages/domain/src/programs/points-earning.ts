import { z } from "zod";
import type { OrderEvent } from "./events";
import { DAY_MS } from "./eligibility";
import { field } from "./field-meta";
import { availableBalance, redeem } from "./ledger";
import type { Step } from "./program-type";
import { creditUnits, note, payWithPoints } from "./rewards";
import { count, days, join, money, percent } from "./summary-format";
import { percentOf, ratePer, toBasisPoints } from "../money";

/** Parameters shared by every type that earns points on orders (points, flexible rewards, VIP). */
export const earningParams = {
  earnPoints: z
    .number()
    .int()
    .min(0)
    .default(1)
    .meta(
      field({
        label: "Points earned",
        unit: "points",
        help: "Points for every 'per amount spent' of the net order.",
      }),
    ),
  earnPer: z
    .number()
    .int()
    .min(1)
    .default(1000)
    .meta(
      field({
        label: "Per amount spent",
        unit: "minor currency units",
        help: "Net spend (after discounts and points) that earns 'points earned'.",
      }),
    ),
  pointValue: z
    .number()
    .int()
    .min(0)
    .default(5)
    .meta(
      field({
        label: "Value of 1 point",
        unit: "minor currency units",
        help: "What a point takes off an order; also its cost for budgets and liability.",
      }),
    ),
  minRedemption: z
    .number()
    .int()
    .min(0)
    .default(100)
    .meta(
      field({
        label: "Minimum redemption",
        unit: "points",
        help: "Fewest points a customer can pay with.",
      }),
    ),
  maxRedeemPercent: z
    .number()
    .min(0)
    .max(100)
    .default(50)
    .meta(
      field({
        label: "Max share paid with points",
        unit: "%",
        help: "Largest part of an order points can pay.",
      }),
    ),
  pendingDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(14)
    .meta(
      field({
        label: "Pending period",
        unit: "days",
        help: "Points become usable after the return window closes.",
      }),
    ),
  expiryDays: z
    .number()
    .int()
    .min(0)
    // Ten years at most (0 is never): a longer span has no use and overflows the calendar.
    .max(3650)
    .default(365)
    .meta(
      field({
        label: "Points expire after",
        unit: "days",
        help: "Counted from when points become usable. 0: never.",
      }),
    ),
};

export interface EarningInput {
  readonly earnPoints: number;
  readonly earnPer: number;
  readonly pointValue: number;
  readonly minRedemption: number;
  readonly maxRedeemPercent: number;
  readonly pendingDays: number;
  readonly expiryDays: number;
}

export interface Earning {
  readonly earnPoints: number;
  readonly earnPer: number;
  readonly pointValue: number;
  readonly minRedemption: number;
  readonly maxRedeemBp: number;
  readonly pendingMs: number;
  readonly expiryMs: number;
}

export const compileEarning = (p: EarningInput): Earning => ({
  earnPoints: p.earnPoints,
  earnPer: p.earnPer,
  pointValue: p.pointValue,
  minRedemption: p.minRedemption,
  maxRedeemBp: toBasisPoints(p.maxRedeemPercent),
  pendingMs: p.pendingDays * DAY_MS,
  expiryMs: p.expiryDays * DAY_MS,
});

export const summarizeEarning = (p: EarningInput): string =>
  join([
    `${count(p.earnPoints, "point")} per ${money(p.earnPer)} spent`,
    p.pointValue > 0 && `1 point = ${money(p.pointValue)} off`,
    p.minRedemption > 0 && `redeem from ${count(p.minRedemption, "point")}`,
    `up to ${percent(p.maxRedeemPercent)} of an order`,
    p.pendingDays > 0 && `points usable ${days(p.pendingDays)} after the order`,
    p.expiryDays > 0 ? `points expire after ${days(p.expiryDays)}` : "points never expire",
  ]);

/**
 * Pays part of the order with points the customer asked to use: at least the minimum, no more
 * than the available balance or the allowed share of the order.
 */
export const redeemOnOrder = (step: Step, e: Earning, order: OrderEvent): void => {
  const asked = order.redeemPoints ?? 0;
  if (asked <= 0 || e.pointValue <= 0) return;
  const byShare = Math.floor(percentOf(step.order.net, e.maxRedeemBp) / e.pointValue);
  const points = Math.min(Math.floor(asked), availableBalance(step.state, order.at), byShare);
  if (points < e.minRedemption || points <= 0) {
    if (step.explain)
      note(
        step,
        order.id,
        `cannot pay with points: fewer than ${e.minRedemption} usable within the limits`,
      );
    return;
  }
  const taken = redeem(step, order.id, order.id, order.at, points, "paid part of an order");
  payWithPoints(step, order, taken * e.pointValue, step.explain ? `paid with ${taken} points` : "");
};

/** Earns on what the customer actually pays on eligible lines, after discounts and points. */
export const earnOnOrder = (
  step: Step,
  e: Earning,
  order: OrderEvent,
  multiplierBp = 10_000,
): number => {
  const base = ratePer(step.order.net, e.earnPoints, e.earnPer);
  const points = multiplierBp === 10_000 ? base : percentOf(base, multiplierBp);
  if (points <= 0) return 0;
  return creditUnits(
    step,
    order.id,
    order,
    order.at,
    points,
    e.pointValue,
    e.pendingMs,
    e.expiryMs,
    "points for an order",
  );
};
