import { refundCost } from "./caps";
import type { Effect } from "./effects";
import { eligibleAmount, ineligibleReason, outsideScheduleReason } from "./eligibility";
import type { Millis, Minor, OrderEvent, ProgramEvent, RefundEvent, SignupEvent } from "./events";
import { clawBack, expireDue } from "./ledger";
import type { LedgerColumns } from "./ledger-columns";
import type { Program, Step } from "./program-type";
import { note } from "./rewards";
import { fullyRefunded, refundedShare, type CustomerState, type OrderRecord } from "./state";

export interface EvaluateContext {
  /** Reward cost already spent by the program across all customers, for the budget cap. */
  readonly budgetUsed: Minor;
}

export interface EvaluateResult<X = unknown> {
  readonly state: CustomerState<X>;
  readonly effects: Effect[];
  /** Reward cost this event added (negative when a refund gave some back), minor units. */
  readonly cost: Minor;
}

export const initialState = (program: Program, customerId: string): CustomerState => ({
  customerId,
  joinedAt: null,
  clock: Number.MIN_SAFE_INTEGER,
  lots: [],
  orders: [],
  orderCount: 0,
  lifetimeSpend: 0,
  rewardCost: 0,
  ext: program.type.initialExt(),
});

export const createStep = (
  program: Program,
  state: CustomerState,
  budgetUsed: Minor,
  explain: boolean,
  ledger: LedgerColumns | null = null,
): Step => ({
  k: program.compiled,
  explain,
  ledger,
  recordsFrom: -Infinity,
  common: program.common,
  unit: program.unit,
  state,
  out: [],
  budgetUsed,
  happened: 0,
  order: { net: 0, paid: 0, earned: 0, lotId: null, cost: 0, units: 0 },
});

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

/**
 * Applies one event to the customer state held by `step`, mutating it. Only the engine calls this
 * on state it owns (a copy in `evaluate`, a fresh fold in `replay`).
 *
 * The state is only known as of the customer's last event (`state.clock`), and the ledger of a
 * customer only moves forward in time. An event that arrives late (older than the clock: a till
 * that synced late, an import of an older file) is therefore applied as of the clock, so its
 * entries, expiry and pending periods count from then; whether it takes part in the program at all
 * (schedule, program days, channel, store) is still judged at the time it happened. A late tick has
 * nothing left to do: time has already passed further.
 */
export const applyEvent = (program: Program, step: Step, event: ProgramEvent): void => {
  const state = step.state;
  const happened = event.at;
  if (happened < state.clock) {
    if (event.kind === "tick") return;
    if (step.explain)
      note(
        step,
        event.id,
        `happened on ${day(happened)}, after the customer's later events: applied as of ${day(state.clock)}`,
      );
    event = { ...event, at: state.clock };
  }
  step.happened = happened;
  state.clock = event.at;
  if (state.lots.length > 0) expireDue(step, event.at);
  if (state.orders.length > 0) pruneOrders(state, event.at - step.common.refundWindowMs);
  const type = program.type;
  switch (event.kind) {
    case "order":
      return applyOrder(program, step, event, happened);
    case "refund":
      return applyRefund(program, step, event);
    case "signup":
      state.joinedAt ??= happened;
      if (type.onSignup !== undefined && scheduled(step, event, happened))
        type.onSignup(step, event);
      return;
    case "referral":
      if (type.onReferral !== undefined && scheduled(step, event, happened))
        type.onReferral(step, event);
      return;
    case "redeem":
      if (type.onRedeem !== undefined) type.onRedeem(step, event);
      else note(step, event.id, "this program has nothing to redeem outside an order");
      return;
    case "tick":
      type.onTick?.(step, event);
      return;
  }
};

/** Whether the program ran when the event happened (`happened`: its own time, even when late). */
const scheduled = (step: Step, event: ProgramEvent, happened: number): boolean => {
  const reason = outsideScheduleReason(step.common, happened);
  if (reason !== null) note(step, event.id, reason);
  return reason === null;
};

// shift() left-trims in place; splice would allocate an array of the removed records.
const pruneOrders = (state: CustomerState, before: number): void => {
  const orders = state.orders;
  while (orders.length > 0 && (orders[0] as OrderRecord).at < before) orders.shift();
};

const applyOrder = (program: Program, step: Step, order: OrderEvent, happened: number): void => {
  const reason = ineligibleReason(step.common, order, happened);
  if (reason !== null) return note(step, order.id, reason);
  const scratch = step.order;
  scratch.net = eligibleAmount(step.common, order);
  scratch.paid = Math.max(0, order.amount - (order.discount ?? 0));
  scratch.earned = 0;
  scratch.lotId = null;
  scratch.cost = 0;
  scratch.units = 0;
  program.type.onOrder(step, order);
  const state = step.state;
  state.orderCount++;
  state.lifetimeSpend += scratch.net;
  if (step.common.refundWindowMs === 0 || order.at < step.recordsFrom) return;
  state.orders.push({
    id: order.id,
    at: order.at,
    net: scratch.net,
    paid: scratch.paid,
    earned: scratch.earned,
    lotId: scratch.lotId,
    cost: scratch.cost,
    units: scratch.units,
    refunded: 0,
    ...(happened < order.at ? { happened } : {}),
  });
};

const applyRefund = (program: Program, step: Step, refund: RefundEvent): void => {
  const state = step.state;
  const record = findOrder(state, refund.orderId);
  if (record === undefined)
    return note(step, refund.id, "order unknown or past the refund window: nothing to reverse");
  const before = record.refunded;
  if (fullyRefunded(record, before)) return note(step, refund.id, "order already fully refunded");
  if (refund.whole === true) record.refunded = Math.max(record.paid, 1);
  else {
    const amount = Math.min(Math.floor(refund.amount), record.paid - before);
    if (amount <= 0)
      return note(
        step,
        refund.id,
        record.paid === 0
          ? "nothing was paid in money for this order: only a refund of the whole order takes back what it counted"
          : "a refund of nothing takes nothing back",
      );
    record.refunded += amount;
  }
  // Reversals use the same floor as earning, so a full refund reverses exactly what was earned.
  const units = refundedShare(record.earned, record, before);
  if (units > 0) {
    const taken = clawBack(
      step,
      refund.id,
      record.id,
      record.lotId,
      refund.at,
      units,
      "refund of an order",
    );
    if (taken < units) note(step, refund.id, `${units - taken} already used, cannot be taken back`);
  }
  state.lifetimeSpend -= refundedShare(record.net, record, before);
  refundCost(step, refundedShare(record.cost, record, before));
  program.type.onRefund?.(step, refund, record, before);
};

const findOrder = (state: CustomerState, orderId: string): OrderRecord | undefined => {
  for (let i = state.orders.length - 1; i >= 0; i--) {
    const record = state.orders[i] as OrderRecord;
    if (record.id === orderId) return record;
  }
  return undefined;
};

/**
 * The sign-up a live member's activity stands for. Orders and referrals arrive from the API and
 * imports without a sign-up event, so a member who has not joined yet joins with their first order
 * or referral that happens while the program runs: welcome rewards arrive then, and tenure counts
 * from then — what the simulator assumes (a sign-up at a member's first order). A member with
 * orders already counted has been taking part all along (a state saved before this rule) and gets
 * no belated welcome. Apply the returned event just before `event`; null when there is nothing to add.
 */
export const signupWith = (
  program: Program,
  member: { readonly joinedAt: Millis | null; readonly orderCount: number },
  event: ProgramEvent,
): SignupEvent | null => {
  if (member.joinedAt !== null || member.orderCount > 0) return null;
  if (event.kind !== "order" && event.kind !== "referral") return null;
  if (outsideScheduleReason(program.common, event.at) !== null) return null;
  return {
    kind: "signup",
    id: `signup:${event.customerId}`,
    customerId: event.customerId,
    at: event.at,
  };
};

/** Pure: the input state is not touched; the result holds a new state and the effects. */
export const evaluate = (
  program: Program,
  state: CustomerState,
  event: ProgramEvent,
  ctx: EvaluateContext = { budgetUsed: 0 },
): EvaluateResult => {
  const step = createStep(program, structuredClone(state), ctx.budgetUsed, true);
  applyEvent(program, step, event);
  return { state: step.state, effects: step.out, cost: step.budgetUsed - ctx.budgetUsed };
};
