/**
 * What happens to a customer, as the engine sees it. Times are UTC epoch milliseconds, money is
 * integer minor units. The event's `at` is the engine's "now": nothing in the engine reads a clock.
 */

export type Millis = number;
export type Minor = number;

export interface OrderLine {
  readonly sku: string;
  readonly category: string;
  readonly quantity: number;
  /** Price of one unit before discounts, minor units. */
  readonly unitPrice: Minor;
  /** Weight of one unit, for gift thresholds by weight. */
  readonly weightGrams?: number;
}

interface EventBase {
  /** Unique per event; ledger entries and lots reference it. */
  readonly id: string;
  readonly customerId: string;
  readonly at: Millis;
}

export interface OrderEvent extends EventBase {
  readonly kind: "order";
  /** Order value before any discount, minor units (the sum of `lines` when lines are given). */
  readonly amount: Minor;
  /** Discounts from outside this program (other promotions), minor units. */
  readonly discount?: Minor;
  readonly lines?: readonly OrderLine[];
  readonly channel?: string;
  readonly storeId?: string;
  /** Segments the customer belongs to at `at`, as computed by the segments package. */
  readonly segments?: readonly string[];
  /** Points the customer asks to pay with (points, cashback bonus). */
  readonly redeemPoints?: number;
  /** Reward chosen from a flexible catalog. */
  readonly rewardId?: string;
  readonly promoCode?: string;
  /** Behaviours the customer declared at checkout, e.g. "own-cup". */
  readonly behaviours?: readonly string[];
}

export interface RefundEvent extends EventBase {
  readonly kind: "refund";
  readonly orderId: string;
  /** Money given back, minor units, out of what the customer paid for the order. */
  readonly amount: Minor;
  /**
   * The whole order comes back, whatever `amount` says: what is left of it is taken back. An
   * order paid with nothing in money (points, a 100% discount) can only be refunded this way.
   */
  readonly whole?: boolean;
}

/** A referred friend converted (made the qualifying first purchase). Sent to both customers. */
export interface ReferralEvent extends EventBase {
  readonly kind: "referral";
  readonly role: "referrer" | "referee";
  readonly friendId: string;
  /** The friend's first order amount, minor units, checked against the conversion condition. */
  readonly firstOrderAmount: Minor;
}

export interface SignupEvent extends EventBase {
  readonly kind: "signup";
}

/** A redemption outside an order: a catalog perk, or a cashback withdrawal. */
export interface RedeemEvent extends EventBase {
  readonly kind: "redeem";
  readonly points?: number;
  readonly rewardId?: string;
}

/** Time passing: expires lots and runs the tier review even when the customer does nothing. */
export interface TickEvent extends EventBase {
  readonly kind: "tick";
}

export type ProgramEvent =
  OrderEvent | RefundEvent | ReferralEvent | SignupEvent | RedeemEvent | TickEvent;
