/**
 * Everything the in-memory evaluator knows about one customer. The SQL compiler answers the same
 * questions from customers, customer_features, orders, order_items and customer_events.
 */
export type Gender = "female" | "male" | "other" | "unknown";
export type ContactChannel = "email" | "sms" | "messenger" | "push";
export const contactChannels = [
  "email",
  "sms",
  "messenger",
  "push",
] as const satisfies readonly ContactChannel[];
export const genders = ["female", "male", "other", "unknown"] as const satisfies readonly Gender[];

export const customerEventTypes = [
  "visit",
  "product_viewed",
  "cart_abandoned",
  "message_sent",
  "message_opened",
  "message_clicked",
  "review",
  "referral",
] as const;
export type CustomerEventType = (typeof customerEventTypes)[number];

export type SummaryOrder = {
  placedAt: Date;
  /** Minor units. */
  total: number;
  items: { sku: string; category: string }[];
};

/** A customer's enrollment in a program, with the points entries of its ledger. */
export type SummaryEnrollment = {
  programId: number;
  isControl: boolean;
  enrolledAt: Date;
  tier: string | null;
  /** Points entries only (signed); money entries do not make a points balance. */
  points: { amount: number; effectiveAt: Date; availableAt: Date | null }[];
};

export type RfmScores = { recency: number; frequency: number; monetary: number; group: string };

export type CustomerSummary = {
  id: number;
  /** ISO date (YYYY-MM-DD). */
  birthDate: string | null;
  gender: Gender;
  city: string | null;
  region: string | null;
  homeStoreId: number | null;
  preferredChannel: ContactChannel | null;
  consent: Record<ContactChannel, boolean>;
  signedUpAt: Date;
  orders: SummaryOrder[];
  events: { type: CustomerEventType; occurredAt: Date }[];
  /** Null while the customer has no orders (RFM only scores buyers). */
  rfm: RfmScores | null;
  prediction: { probabilityActive: number; expectedRevenue12m: number } | null;
  programs: SummaryEnrollment[];
};

/** Whole years between a birth date and `now`'s UTC calendar day (as PostgreSQL's age() counts). */
export function ageOn(birthDate: string, now: Date): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const ny = now.getUTCFullYear();
  const nm = now.getUTCMonth() + 1;
  const nd = now.getUTCDate();
  return ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0);
}
