import { proportion } from "../money";
import type { Millis, Minor } from "./events";

/**
 * A parcel of earned points (or withdrawable money) with its own dates. Redemptions draw from the
 * soonest-expiring available lots; a lot expires once, for whatever remains in it.
 */
export interface Lot {
  readonly id: string;
  /** The event that earned it (order id, referral id, ...). */
  readonly ref: string;
  readonly orderId: string | null;
  readonly earnedAt: Millis;
  /** Pending before this instant: counted, not redeemable. */
  readonly availableAt: Millis;
  readonly expiresAt: Millis | null;
  remaining: number;
}

/** What an order earned, kept for the refund window so a refund can reverse exactly that. */
export interface OrderRecord {
  readonly id: string;
  readonly at: Millis;
  /** The net amount the order earned on, minor units. */
  readonly net: Minor;
  /** What the customer paid in money for the whole order; refunds are a share of it. */
  readonly paid: Minor;
  /** Ledger units (points or money) the order earned. */
  readonly earned: number;
  readonly lotId: string | null;
  /** Reward cost of the order (discounts, gifts, earned value), minor units. */
  readonly cost: Minor;
  /** A type's own per-order count (stamps given, promo use, ...). */
  readonly units: number;
  /**
   * Money given back so far, minor units. An order paid with nothing in money has no share to give
   * back: it is either kept (0) or returned whole (1), and `kept` and `fullyRefunded` read it so.
   */
  refunded: Minor;
  /** When a late order was placed (before `at`, the member's clock when it arrived); absent for orders on time. */
  readonly happened?: Millis;
}

/**
 * A customer's state in one program. Plain JSON-serialisable data: the database stores it and the
 * engine never keeps references to it after `evaluate` returns.
 */
export interface CustomerState<X = unknown> {
  readonly customerId: string;
  joinedAt: Millis | null;
  /** Latest event time seen; events must not go back in time. */
  clock: Millis;
  /** Sorted by expiry, soonest first; lots that never expire last. */
  lots: Lot[];
  /** Orders still inside the refund window. */
  orders: OrderRecord[];
  orderCount: number;
  /** Net spend after refunds, minor units. */
  lifetimeSpend: Minor;
  /** Reward cost granted so far, minor units, for the per-customer cap. */
  rewardCost: Minor;
  /** The type's own state (stamps, tier, promo uses, ...). */
  ext: X;
}

/** Whether nothing of the order is kept any more, at `refunded` (the record's own by default). */
export const fullyRefunded = (record: OrderRecord, refunded = record.refunded): boolean =>
  refunded > 0 && refunded >= record.paid;

/** The part of `whole` a refund from `before` to the record's refunded amount gives back. */
export const refundedShare = (whole: number, record: OrderRecord, before: number): number =>
  kept(whole, record, before) - kept(whole, record, record.refunded);

/** The part of `whole` that belongs to what is still paid (not refunded) of the order. */
export const kept = (whole: number, record: OrderRecord, refunded: number): number =>
  record.paid === 0
    ? refunded > 0
      ? 0
      : whole
    : proportion(whole, record.paid - refunded, record.paid);
