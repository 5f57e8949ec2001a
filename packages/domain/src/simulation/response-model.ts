import { z } from "zod";

/**
 * How members are assumed to change behaviour under a program. Everything here is an assumption,
 * not replayed fact: the simulator keeps what it computes from these apart from the cost of the
 * real purchases, and the sensitivity band shows what happens when they move.
 *
 * Defaults and where they come from (the domain brief's figures are practitioners' claims):
 * - frequencyLift: extra orders per member as a share of the member's own orders. Promo code 0.20
 *   is the low end of the brief's "+20–25% demand"; comeback 0.04 is the brief's abandoned-cart
 *   chain (about 20% return after a reminder, about 20% of those buy: 0.2 × 0.2); the others are
 *   the studio's conservative assumptions (0.02–0.06), not sourced figures.
 * - thresholdLift: extra visits of members who earned a reward in the period (they saw the
 *   threshold close enough to reach it), on top of frequencyLift. Assumption.
 * - redemptionRate: chance a member with usable points pays with them at an order. Assumption;
 *   breakage (points that expire unused) follows from it and from the program's expiry rule.
 * - referralsPerMember / referralConversion: friends invited per member in the period and the
 *   share who make a first purchase. Assumption; the brief's Dropbox case (about 35% of sign-ups
 *   from referrals) is an upper bound for a product with strong sharing, not retail.
 * - channels: the brief's contact cadence (18–30 messengers 2–3 a week, 30–45 email weekly,
 *   45+ SMS 1–2 a month) at the mid-points, with per-message costs that are assumptions (the
 *   brief gives none); shares are equal because order history has no ages.
 * - grossMargin: share of incremental revenue the business keeps; ROI is on margin, not revenue.
 */
export const channelContact = z.object({
  channel: z.string().min(1),
  share: z.number().min(0).max(1),
  messagesPerMonth: z.number().min(0).max(100),
  costPerMessage: z.number().min(0),
});

export const defaultFrequencyLift: Readonly<Record<string, number>> = {
  points: 0.05,
  cashback: 0.06,
  "tiered-discount": 0.04,
  "stamp-card": 0.05,
  referral: 0.01,
  "vip-tiers": 0.05,
  "flexible-rewards": 0.05,
  "promo-code": 0.2,
  bundle: 0.03,
  comeback: 0.04,
  "gift-with-order": 0.03,
  "exclusive-offer": 0.03,
  "eco-discount": 0.01,
};

export const responseModel = z.object({
  enrolmentRate: z.number().min(0).max(1).default(1),
  frequencyLift: z
    .record(z.string(), z.number().min(0).max(5))
    .default({ ...defaultFrequencyLift }),
  thresholdLift: z.number().min(0).max(5).default(0.03),
  redemptionRate: z.number().min(0).max(1).default(0.5),
  referralsPerMember: z.number().min(0).max(10).default(0.05),
  referralConversion: z.number().min(0).max(1).default(0.2),
  channels: z.array(channelContact).default([
    { channel: "messenger", share: 1 / 3, messagesPerMonth: 10, costPerMessage: 5 },
    { channel: "email", share: 1 / 3, messagesPerMonth: 4, costPerMessage: 0.1 },
    { channel: "sms", share: 1 / 3, messagesPerMonth: 1.5, costPerMessage: 7 },
  ]),
  grossMargin: z.number().min(0).max(1).default(0.4),
});

export type ResponseModel = z.output<typeof responseModel>;
export type ResponseModelInput = z.input<typeof responseModel>;

/** Where each default comes from, for the page that shows and edits the model. */
export const responseModelSources: Readonly<Record<keyof ResponseModel, string>> = {
  enrolmentRate:
    "Assumption: every customer in the target joins at their first purchase in the period (the brief: register every customer).",
  frequencyLift:
    "Promo code: brief, +20–25% demand (low end). Comeback: brief, abandoned-cart reminders 20% × 20%. Others: studio assumptions.",
  thresholdLift:
    "Assumption: members who earned a reward visit a little more often as they near the next one.",
  redemptionRate: "Assumption; breakage follows from it and the program's expiry.",
  referralsPerMember:
    "Assumption; Dropbox's ~35% of sign-ups from referrals is an upper bound, not retail.",
  referralConversion:
    "Assumption: the brief's abandoned-cart return rate (~20%) as a stand-in for acting on a friend's invitation.",
  channels:
    "Brief's cadence per age group at mid-points; per-message costs in minor units are assumptions.",
  grossMargin: "Assumption: typical retail gross margin; set your own.",
};

/** The lift for a program type; a type missing from the record gets none. */
export const liftFor = (model: ResponseModel, typeId: string): number =>
  model.frequencyLift[typeId] ?? 0;

/** Monthly message cost per member, minor units (fractions kept: summed over many members). */
export const contactCostPerMemberMonth = (model: ResponseModel): number =>
  model.channels.reduce((sum, c) => sum + c.share * c.messagesPerMonth * c.costPerMessage, 0);

/** The same model with every behavioural assumption scaled (the sensitivity band). */
export const scaleAssumptions = (model: ResponseModel, factor: number): ResponseModel => ({
  ...model,
  frequencyLift: Object.fromEntries(
    Object.entries(model.frequencyLift).map(([k, v]) => [k, v * factor]),
  ),
  thresholdLift: model.thresholdLift * factor,
  referralsPerMember: model.referralsPerMember * factor,
});
