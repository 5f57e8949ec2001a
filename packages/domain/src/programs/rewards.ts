import { grantUnits } from "./caps";
import type { Millis, OrderEvent } from "./events";
import { earn } from "./ledger";
import type { Step } from "./program-type";

/**
 * Says why nothing (or less) was granted; the preview shows these to the marketer. Callers build
 * reasons with numbers in them only when `step.explain`: a bulk replay would throw them away.
 */
export const note = (step: Step, ref: string, reason: string): void => {
  if (step.explain) step.out.push({ kind: "note", customerId: step.state.customerId, ref, reason });
};

/** Takes `amount` off what the customer pays for the order, within the caps. Returns the discount. */
export const discountOrder = (
  step: Step,
  order: OrderEvent,
  amount: number,
  reason: string,
): number => {
  if (step.happened < order.at) {
    note(step, order.id, "a late order was paid at checkout already: no discount can be given");
    return 0;
  }
  const wanted = Math.min(Math.floor(amount), step.order.net);
  const given = grantUnits(step, order.id, wanted, 1);
  if (given <= 0) return 0;
  step.order.net -= given;
  step.order.paid -= given;
  if (step.explain)
    step.out.push({
      kind: "discount",
      customerId: step.state.customerId,
      orderId: order.id,
      amount: given,
      reason,
    });
  return given;
};

/** Lowers what the order pays because part was paid with points already charged at earn time. */
export const payWithPoints = (
  step: Step,
  order: OrderEvent,
  value: number,
  reason: string,
): void => {
  step.order.net -= value;
  step.order.paid -= value;
  if (step.explain)
    step.out.push({
      kind: "discount",
      customerId: step.state.customerId,
      orderId: order.id,
      amount: value,
      reason,
    });
};

export const giveGift = (
  step: Step,
  ref: string,
  item: string,
  value: number,
  reason: string,
): boolean => {
  if (grantUnits(step, ref, 1, value) === 0) return false;
  if (step.explain)
    step.out.push({ kind: "gift", customerId: step.state.customerId, ref, item, value, reason });
  return true;
};

/**
 * Credits ledger units worth `unitValue` each, within the caps; when `order` is given the lot is
 * remembered on the order so a refund can claw it back.
 */
export const creditUnits = (
  step: Step,
  ref: string,
  order: OrderEvent | null,
  at: Millis,
  units: number,
  unitValue: number,
  pendingMs: number,
  expiryMs: number,
  reason: string,
): number => {
  const granted = grantUnits(step, ref, units, unitValue);
  if (granted <= 0) return 0;
  const availableAt = at + pendingMs;
  // Expiry counts from availability so pending time never shortens a lot's life.
  const lot = earn(
    step,
    ref,
    order?.id ?? null,
    at,
    granted,
    availableAt,
    expiryMs > 0 ? availableAt + expiryMs : null,
    reason,
  );
  if (order !== null && lot !== null) {
    step.order.earned += granted;
    step.order.lotId = lot.id;
  }
  return granted;
};
