import type { CandidateOutcome } from "./outcome";
import { contactCostPerMemberMonth, liftFor, type ResponseModel } from "./response-model";

/** The side-by-side figures of one candidate. Money in minor units; rates as shares (0.05 = 5%). */
export interface CandidateMetrics {
  readonly members: number;
  readonly participants: number;
  readonly orders: number;
  readonly revenue: number;
  // Replayed fact: the program's rules on the real purchases.
  readonly rewardCost: number;
  readonly liability: number;
  // Assumed: from the response model.
  readonly contactCost: number;
  readonly assumedRewardCost: number;
  readonly incrementalOrders: number;
  readonly incrementalRevenue: number;
  readonly baselineRetention: number;
  readonly retentionChange: number;
  readonly retainedCustomers: number;
  readonly totalCost: number;
  /** Total cost over extra retained customers; null when none are retained. */
  readonly costPerRetained: number | null;
  /** (incremental revenue × gross margin − total cost) / total cost; null when nothing is spent. */
  readonly roi: number | null;
}

/**
 * Sums the outcome columns with a weight per customer (1 each for the estimate, resample counts
 * for the bootstrap) and turns them into metrics under a response model.
 */
export const candidateMetrics = (
  outcome: CandidateOutcome,
  model: ResponseModel,
  typeId: string,
  weights: Float64Array | null,
  referralFactor = 1,
): CandidateMetrics => {
  const lift = liftFor(model, typeId);
  const threshold = model.thresholdLift;
  const perMonth = contactCostPerMemberMonth(model);
  const n = outcome.member.length;
  let members = 0,
    participants = 0,
    orders = 0,
    revenue = 0,
    rewardCost = 0,
    liability = 0,
    contactCost = 0;
  let assumedCost = 0,
    incOrders = 0,
    incRevenue = 0,
    assumedRevenue = 0,
    assumedCustomers = 0;
  let atRisk = 0,
    retainedBase = 0,
    gained = 0;
  for (let c = 0; c < n; c++) {
    if (outcome.member[c] !== 1) continue;
    const w = weights === null ? 1 : (weights[c] as number);
    if (w === 0) continue;
    const rewarded = outcome.rewarded[c] as number;
    const customerLift = lift + threshold * rewarded;
    members += w;
    participants += w * rewarded;
    orders += w * (outcome.orders[c] as number);
    revenue += w * (outcome.revenue[c] as number);
    rewardCost += w * (outcome.rewardCost[c] as number);
    liability += w * (outcome.liability[c] as number);
    contactCost += w * perMonth * (outcome.contactMonths[c] as number);
    assumedCost += w * (outcome.assumedCost[c] as number);
    assumedRevenue += w * (outcome.assumedRevenue[c] as number);
    assumedCustomers += w * (outcome.assumedCustomers[c] as number);
    incOrders += w * customerLift * (outcome.orders[c] as number);
    incRevenue += w * customerLift * (outcome.revenue[c] as number);
    const firstHalf = outcome.firstHalfOrders[c] as number;
    if (firstHalf > 0) {
      atRisk += w;
      if (outcome.boughtSecondHalf[c] === 1) retainedBase += w;
      // A customer lost in the second half comes back if the extra visits (Poisson, at the first
      // half's own rate raised by the lift) bring at least one order.
      else gained += w * (1 - Math.exp(-customerLift * firstHalf));
    }
  }
  // Referrals were replayed at the base model's rate; a scaled model scales what they brought.
  const assumedRewardCost = assumedCost * referralFactor;
  incOrders += assumedCustomers * referralFactor;
  incRevenue += assumedRevenue * referralFactor;
  const totalCost = rewardCost + liability + contactCost + assumedRewardCost;
  return {
    members,
    participants,
    orders,
    revenue,
    rewardCost,
    liability,
    contactCost,
    assumedRewardCost,
    incrementalOrders: incOrders,
    incrementalRevenue: incRevenue,
    baselineRetention: atRisk > 0 ? retainedBase / atRisk : 0,
    retentionChange: atRisk > 0 ? gained / atRisk : 0,
    retainedCustomers: gained,
    totalCost,
    costPerRetained: gained > 0 ? totalCost / gained : null,
    roi: totalCost > 0 ? (incRevenue * model.grossMargin - totalCost) / totalCost : null,
  };
};
