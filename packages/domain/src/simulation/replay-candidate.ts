import { type Program, type ProgramEvent, replay } from "../programs";
import { ASSUMED_PREFIX, memberEvents } from "./build-events";
import type { OrderHistory, SimulationPeriod } from "./history";
import { type CandidateOutcome, monthIndex } from "./outcome";
import { hashUnit } from "./prng";
import type { ResponseModel } from "./response-model";

/**
 * What one ledger unit is worth, minor units: a point's value when the program has one, else the
 * unit is money (cashback, withdrawable balances) and worth 1.
 */
export const unitValueOf = (program: Program): number => {
  const value = (program.params as Record<string, unknown>)["pointValue"];
  return typeof value === "number" ? value : 1;
};

const isAssumed = (id: string | null): boolean => id !== null && id.startsWith(ASSUMED_PREFIX);

/**
 * Replays customers [from, to) of the history through one program and writes their outcome
 * columns and monthly sums into `out`. Chunks of customers can be replayed in turn (a background
 * job yields between them) unless the program has a budget cap, which couples all customers: then
 * replay the whole history in one call.
 */
export const replayCandidateChunk = (
  program: Program,
  history: OrderHistory,
  period: SimulationPeriod,
  model: ResponseModel,
  seed: number,
  range: { readonly from: number; readonly to: number },
  out: CandidateOutcome,
): void => {
  const events: ProgramEvent[] = [];
  const indexOf = new Map<string, number>();
  const halfway = period.from + (period.to - period.from) / 2;
  const referral = program.typeId === "referral";
  const referralChance = model.referralsPerMember * model.referralConversion;
  const atOf = new Map<string, number>();
  for (let c = range.from; c < range.to; c++) {
    if (hashUnit(seed, c, 1) >= model.enrolmentRate) continue;
    const built = memberEvents(history, c, period, {
      seed,
      redemptionRate: model.redemptionRate,
      referralChance,
      referral,
    });
    if (built.first < 0) continue;
    const id = history.customerIds[c] as string;
    indexOf.set(id, c);
    out.member[c] = 1;
    const joined = monthIndex(period, history.at[built.first] as number);
    out.joinsByMonth[joined]! += 1;
    out.contactMonths[c] = out.months - joined;
    for (let i = built.first; i <= built.last; i++) {
      const at = history.at[i] as number;
      const amount = history.amount[i] as number;
      out.orders[c]! += 1;
      out.revenue[c]! += amount;
      if (at < halfway) out.firstHalfOrders[c]! += 1;
      else out.boughtSecondHalf[c] = 1;
      atOf.set(history.orderIds[i] as string, at);
    }
    for (const event of built.events) {
      if (event.kind === "referral") {
        atOf.set(event.id, event.at);
        indexOf.set(event.customerId, c);
        if (event.role === "referrer") {
          out.assumedRevenue[c]! += event.firstOrderAmount;
          out.assumedCustomers[c]! += 1;
          out.assumedRevenueByMonth[monthIndex(period, event.at)]! += event.firstOrderAmount;
        }
      }
      events.push(event);
    }
  }
  if (events.length === 0) return;
  const result = replay(program, events, { until: period.to - 1, keepEffects: true });
  const uv = unitValueOf(program);
  const addCost = (
    customerId: string,
    ref: string | null,
    at: number,
    value: number,
    given: boolean,
  ): void => {
    const c = indexOf.get(customerId);
    if (c === undefined) return;
    if (isAssumed(ref) || isAssumed(customerId)) out.assumedCost[c]! += value;
    else if (given) out.rewardCost[c]! += value;
    if (value > 0) out.rewarded[c] = 1;
    out.costByMonth[monthIndex(period, Math.min(Math.max(at, period.from), period.to - 1))]! +=
      value;
  };
  for (const effect of result.effects) {
    switch (effect.kind) {
      case "discount":
        // Points paid on an order show as a discount too; their cost was accrued at earn time, so
        // the month series takes it back with the matching redeem entry below.
        addCost(
          effect.customerId,
          effect.orderId,
          atOf.get(effect.orderId) ?? period.from,
          effect.amount,
          true,
        );
        break;
      case "gift":
        addCost(
          effect.customerId,
          effect.ref,
          atOf.get(effect.ref) ?? period.from,
          effect.value,
          true,
        );
        break;
      case "earn":
      case "expire":
      case "adjust":
        addCost(effect.customerId, effect.ref, effect.at, effect.amount * uv, false);
        break;
      case "redeem":
        addCost(effect.customerId, effect.ref, effect.at, effect.amount * uv, false);
        break;
      default:
        break;
    }
  }
  for (const [customerId, state] of result.states) {
    const c = indexOf.get(customerId);
    if (c === undefined) continue;
    for (const lot of state.lots) {
      if (isAssumed(customerId) || isAssumed(lot.ref)) out.assumedCost[c]! += lot.remaining * uv;
      else out.liability[c]! += lot.remaining * uv;
    }
  }
  for (let c = range.from; c < range.to; c++) {
    if (out.member[c] !== 1) continue;
    const start = history.offsets[c] as number;
    const end = history.offsets[c + 1] as number;
    for (let i = start; i < end; i++) {
      const at = history.at[i] as number;
      if (at < period.from || at >= period.to) continue;
      const m = monthIndex(period, at);
      out.memberRevenueByMonth[m]! += history.amount[i] as number;
      if (out.rewarded[c] === 1) out.rewardedRevenueByMonth[m]! += history.amount[i] as number;
    }
  }
};
