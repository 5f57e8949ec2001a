import type { Millis, Minor } from "./events";

export type LedgerUnit = "points" | "money";
export type LedgerKind = "earn" | "redeem" | "expire" | "adjust";

/**
 * One row of the ledger the database stores. `amount` is signed: earn > 0; redeem and expire < 0;
 * adjust either way (a refund claw-back is a negative adjust whose `ref` is the refund and whose
 * `orderId` is the refunded order).
 */
export interface LedgerEntry {
  readonly kind: LedgerKind;
  readonly customerId: string;
  readonly amount: number;
  readonly unit: LedgerUnit;
  /** The lot the entry changes; a redemption spanning lots gives one entry per lot. */
  readonly lotId: string;
  /** Id of the event that caused the entry. */
  readonly ref: string;
  readonly orderId: string | null;
  /** When the entry takes effect: the event time, or the lot's expiry for 'expire'. */
  readonly at: Millis;
  /** Earn only: pending until then (e.g. until the return window closes). */
  readonly availableAt?: Millis;
  /** Earn only: when the lot expires, null when it never does. */
  readonly expiresAt?: Millis | null;
  readonly reason: string;
}

export interface DiscountEffect {
  readonly kind: "discount";
  readonly customerId: string;
  readonly orderId: string;
  readonly amount: Minor;
  readonly reason: string;
}

export interface GiftEffect {
  readonly kind: "gift";
  readonly customerId: string;
  readonly ref: string;
  readonly item: string;
  /** Cost of the gift to the business, minor units. */
  readonly value: Minor;
  readonly reason: string;
}

export interface TierEffect {
  readonly kind: "tier";
  readonly customerId: string;
  readonly ref: string;
  readonly at: Millis;
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string;
}

/** Nothing (or less) was granted, and why: the preview and the simulator show it. */
export interface NoteEffect {
  readonly kind: "note";
  readonly customerId: string;
  readonly ref: string;
  readonly reason: string;
}

export type Effect = LedgerEntry | DiscountEffect | GiftEffect | TierEffect | NoteEffect;

export const isLedgerEntry = (effect: Effect): effect is LedgerEntry => {
  switch (effect.kind) {
    case "earn":
    case "redeem":
    case "expire":
    case "adjust":
      return true;
    default:
      return false;
  }
};
