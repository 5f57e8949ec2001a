import type { Millis } from "./events";
import type { Step } from "./program-type";
import type { CustomerState, Lot } from "./state";

/**
 * The points (or withdrawable money) ledger, kept as lots. Rules that other engines get wrong:
 * - a redemption draws from the soonest-expiring *available* lots first;
 * - pending lots (inside the return window) count but cannot be redeemed;
 * - a lot expires once, for what remains in it, at its own expiry instant;
 * - nothing ever takes a lot below zero, so a balance is never negative.
 */

/** Redeemable now. */
export const availableBalance = (state: CustomerState, now: Millis): number => {
  let sum = 0;
  for (const lot of state.lots) if (lot.availableAt <= now) sum += lot.remaining;
  return sum;
};

/** Earned, not redeemable yet. */
export const pendingBalance = (state: CustomerState, now: Millis): number => {
  let sum = 0;
  for (const lot of state.lots) if (lot.availableAt > now) sum += lot.remaining;
  return sum;
};

const expiryKey = (lot: Lot): number => lot.expiresAt ?? Infinity;

/** Adds a lot (kept sorted by expiry) and writes the 'earn' entry. The lot id is the event id. */
export const earn = (
  step: Step,
  ref: string,
  orderId: string | null,
  at: Millis,
  amount: number,
  availableAt: Millis,
  expiresAt: Millis | null,
  reason: string,
): Lot | null => {
  if (amount <= 0) return null;
  const lot: Lot = { id: ref, ref, orderId, earnedAt: at, availableAt, expiresAt, remaining: amount };
  const lots = step.state.lots;
  // Lots usually arrive in expiry order, so the scan from the end stops at once.
  let i = lots.length;
  const key = expiryKey(lot);
  while (i > 0 && expiryKey(lots[i - 1] as Lot) > key) i--;
  if (i === lots.length) lots.push(lot);
  else lots.splice(i, 0, lot);
  step.out.push({
    kind: "earn",
    customerId: step.state.customerId,
    amount,
    unit: step.unit,
    lotId: lot.id,
    ref,
    orderId,
    at,
    availableAt,
    expiresAt,
    reason,
  });
  return lot;
};

const dropEmptyLots = (state: CustomerState): void => {
  let w = 0;
  const lots = state.lots;
  for (let r = 0; r < lots.length; r++) {
    const lot = lots[r] as Lot;
    if (lot.remaining > 0) lots[w++] = lot;
  }
  lots.length = w;
};

/** Takes up to `amount` from available lots, soonest expiry first. Returns what was taken. */
export const redeem = (
  step: Step,
  ref: string,
  orderId: string | null,
  at: Millis,
  amount: number,
  reason: string,
): number => {
  let left = Math.floor(amount);
  if (left <= 0) return 0;
  for (const lot of step.state.lots) {
    if (left === 0) break;
    if (lot.availableAt > at || lot.remaining === 0) continue;
    const take = lot.remaining < left ? lot.remaining : left;
    lot.remaining -= take;
    left -= take;
    step.out.push(entry(step, "redeem", -take, lot.id, ref, orderId, at, reason));
  }
  dropEmptyLots(step.state);
  return Math.floor(amount) - left;
};

/**
 * Takes back what a refunded order earned: from the order's own lot first, then from other lots
 * (pending included) soonest expiry first. Stops at zero; returns what was taken.
 */
export const clawBack = (
  step: Step,
  ref: string,
  orderId: string,
  lotId: string | null,
  at: Millis,
  amount: number,
  reason: string,
): number => {
  let left = amount;
  const lots = step.state.lots;
  const own = lotId === null ? undefined : lots.find((lot) => lot.id === lotId);
  const order = own === undefined ? lots : [own, ...lots.filter((lot) => lot !== own)];
  for (const lot of order) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take === 0) continue;
    lot.remaining -= take;
    left -= take;
    step.out.push(entry(step, "adjust", -take, lot.id, ref, orderId, at, reason));
  }
  dropEmptyLots(step.state);
  return amount - left;
};

/** Expires every lot whose expiry is at or before `now`; the entry is dated at the expiry. */
/** Expires every lot whose expiry is at or before `now`; the entry is dated at the expiry. */
export const expireDue = (step: Step, now: Millis): void => {
  const lots = step.state.lots;
  while (lots.length > 0) {
    const lot = lots[0] as Lot;
    if (lot.expiresAt === null || lot.expiresAt > now) return;
    if (lot.remaining > 0)
      step.out.push(entry(step, "expire", -lot.remaining, lot.id, lot.ref, lot.orderId, lot.expiresAt, "points expired"));
    lot.remaining = 0;
    lots.shift();
  }
};

const entry = (
  step: Step,
  kind: "redeem" | "expire" | "adjust",
  amount: number,
  lotId: string,
  ref: string,
  orderId: string | null,
  at: Millis,
  reason: string,
) => ({ kind, customerId: step.state.customerId, amount, unit: step.unit, lotId, ref, orderId, at, reason });
