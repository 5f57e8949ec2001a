import type { LedgerKind } from "./effects";
import type { Millis } from "./events";
import { ADJUST, EARN, EXPIRE, type KindCode, LEDGER_KINDS, REDEEM } from "./ledger-columns";
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
  const lot: Lot = {
    id: ref,
    ref,
    orderId,
    earnedAt: at,
    availableAt,
    expiresAt,
    remaining: amount,
  };
  const lots = step.state.lots;
  // Lots usually arrive in expiry order, so the scan from the end stops at once.
  let i = lots.length;
  const key = expiryKey(lot);
  while (i > 0 && expiryKey(lots[i - 1] as Lot) > key) i--;
  if (i === lots.length) lots.push(lot);
  else lots.splice(i, 0, lot);
  write(step, EARN, amount, lot.id, ref, orderId, at, availableAt, expiresAt, reason);
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
    write(step, REDEEM, -take, lot.id, ref, orderId, at, at, null, reason);
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
    write(step, ADJUST, -take, lot.id, ref, orderId, at, at, null, reason);
  }
  dropEmptyLots(step.state);
  return amount - left;
};

/** Expires every lot whose expiry is at or before `now`; the entry is dated at the expiry. */
export const expireDue = (step: Step, now: Millis): void => {
  const lots = step.state.lots;
  while (lots.length > 0) {
    const lot = lots[0] as Lot;
    if (lot.expiresAt === null || lot.expiresAt > now) return;
    if (lot.remaining > 0)
      write(
        step,
        EXPIRE,
        -lot.remaining,
        lot.id,
        lot.ref,
        lot.orderId,
        lot.expiresAt,
        lot.expiresAt,
        null,
        "points expired",
      );
    lot.remaining = 0;
    lots.shift();
  }
};

/**
 * Writes one ledger entry: straight into the replay's columns when it has them (nobody sees the
 * effects as objects), else as an effect object in event order. `availableAt` and `expiresAt`
 * belong to earn entries only.
 */
const write = (
  step: Step,
  kind: KindCode,
  amount: number,
  lotId: string,
  ref: string,
  orderId: string | null,
  at: Millis,
  availableAt: Millis,
  expiresAt: Millis | null,
  reason: string,
): void => {
  const customerId = step.state.customerId;
  if (step.ledger !== null) {
    step.ledger.push(
      kind,
      customerId,
      amount,
      lotId,
      ref,
      orderId,
      at,
      availableAt,
      expiresAt,
      reason,
    );
    return;
  }
  const unit = step.unit;
  step.out.push(
    kind === EARN
      ? {
          kind: "earn",
          customerId,
          amount,
          unit,
          lotId,
          ref,
          orderId,
          at,
          availableAt,
          expiresAt,
          reason,
        }
      : {
          kind: LEDGER_KINDS[kind] as LedgerKind,
          customerId,
          amount,
          unit,
          lotId,
          ref,
          orderId,
          at,
          reason,
        },
  );
};
