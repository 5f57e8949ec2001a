import type { Step } from "./program-type";

/** Room left under the budget and per-customer caps, minor units (Infinity when uncapped). */
const room = (step: Step): number => {
  const c = step.common;
  let left = Infinity;
  if (c.budgetCap > 0) left = c.budgetCap - step.budgetUsed;
  if (c.perCustomerCap > 0) left = Math.min(left, c.perCustomerCap - step.state.rewardCost);
  return left > 0 ? left : 0;
};

const charge = (step: Step, cost: number): void => {
  step.budgetUsed += cost;
  step.state.rewardCost += cost;
  step.order.cost += cost;
};

const noteCapped = (step: Step, ref: string): void => {
  if (!step.explain) return;
  step.out.push({
    kind: "note",
    customerId: step.state.customerId,
    ref,
    reason:
      step.common.budgetCap > 0 && step.budgetUsed >= step.common.budgetCap
        ? "budget cap reached"
        : "per-customer cap reached",
  });
};

/**
 * Grants `units` of a reward worth `unitValue` minor units each, cut down to what the caps allow,
 * and charges the cost. Every reward in every type goes through here, so caps hold everywhere.
 */
export const grantUnits = (step: Step, ref: string, units: number, unitValue: number): number => {
  if (units <= 0) return 0;
  const c = step.common;
  if (c.budgetCap === 0 && c.perCustomerCap === 0) {
    charge(step, units * unitValue);
    return units;
  }
  const allowed = unitValue <= 0 ? units : Math.min(units, Math.floor(room(step) / unitValue));
  if (allowed < units) noteCapped(step, ref);
  charge(step, allowed * unitValue);
  return allowed;
};

/** Gives back cost when a refund reverses a reward. */
export const refundCost = (step: Step, cost: number): void => {
  step.budgetUsed -= cost;
  step.state.rewardCost -= cost;
};
