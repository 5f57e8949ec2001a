import type { CandidateOutcome } from "./outcome";
import { contactCostPerMemberMonth, liftFor, type ResponseModel } from "./response-model";

export interface MonthPoint {
  /** Month index from the period's first month. */
  readonly month: number;
  /** Reward cost accrued (given plus liability) and contact cost, cumulative, minor units. */
  readonly cumulativeCost: number;
  /** Assumed incremental revenue, cumulative, minor units. */
  readonly cumulativeIncrementalRevenue: number;
}

export interface CandidateSeries {
  readonly months: readonly MonthPoint[];
  /** Months until cumulative incremental gross margin covers cumulative cost; null: not in the period. */
  readonly paybackMonths: number | null;
}

export const candidateSeries = (
  outcome: CandidateOutcome,
  model: ResponseModel,
  typeId: string,
  referralFactor = 1,
): CandidateSeries => {
  const lift = liftFor(model, typeId);
  const perMonth = contactCostPerMemberMonth(model);
  const months: MonthPoint[] = [];
  let cost = 0;
  let revenue = 0;
  let members = 0;
  let payback: number | null = null;
  for (let m = 0; m < outcome.months; m++) {
    members += outcome.joinsByMonth[m] as number;
    cost += (outcome.costByMonth[m] as number) + members * perMonth;
    revenue +=
      lift * (outcome.memberRevenueByMonth[m] as number) +
      model.thresholdLift * (outcome.rewardedRevenueByMonth[m] as number) +
      referralFactor * (outcome.assumedRevenueByMonth[m] as number);
    months.push({
      month: m,
      cumulativeCost: Math.round(cost),
      cumulativeIncrementalRevenue: Math.round(revenue),
    });
    if (payback === null && cost > 0 && revenue * model.grossMargin >= cost) payback = m + 1;
  }
  return { months, paybackMonths: payback };
};
