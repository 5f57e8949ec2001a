import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import { compileEarning, earningParams, redeemOnOrder, type Earning } from "../points-earning";
import type { ProgramType } from "../program-type";
import { creditUnits, note } from "../rewards";
import { count, days, join, money } from "../summary-format";

const escalationStep = z.object({
  fromReferral: z
    .number()
    .int()
    .min(2)
    .meta(field({ label: "From referral number", unit: "count" })),
  referrerPoints: z
    .number()
    .int()
    .min(0)
    .meta(field({ label: "Referrer reward", unit: "points" })),
});

export const referralParams = commonParams.extend({
  referrerPoints: z
    .number()
    .int()
    .min(0)
    .default(500)
    .meta(
      field({ label: "Referrer reward", unit: "points", help: "For each friend who converts." }),
    ),
  refereePoints: z
    .number()
    .int()
    .min(0)
    .default(300)
    .meta(field({ label: "New customer reward", unit: "points", help: "For the friend, once." })),
  escalation: z
    .array(escalationStep)
    .default([
      { fromReferral: 3, referrerPoints: 750 },
      { fromReferral: 10, referrerPoints: 1_000 },
    ])
    .meta(
      field({
        label: "Escalation",
        help: "A larger referrer reward from the n-th converted friend on.",
      }),
    ),
  minFirstOrder: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(field({ label: "Conversion: first order of at least", unit: "minor currency units" })),
  maxReferrals: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(field({ label: "Rewarded referrals per customer", unit: "count", help: "0: no limit." })),
  pointValue: earningParams.pointValue,
  minRedemption: earningParams.minRedemption,
  maxRedeemPercent: earningParams.maxRedeemPercent,
  pendingDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(0)
    .meta(
      field({
        label: "Pending period",
        unit: "days",
        help: "0 gives the reward at once, which works best.",
      }),
    ),
  expiryDays: earningParams.expiryDays,
});

type Params = z.output<typeof referralParams>;
type Compiled = Earning & {
  readonly referrerPoints: number;
  readonly refereePoints: number;
  readonly escalation: readonly {
    readonly fromReferral: number;
    readonly referrerPoints: number;
  }[];
  readonly minFirstOrder: number;
  readonly maxReferrals: number;
};
interface Ext {
  referrals: number;
  welcomed: boolean;
  friends: string[];
}

const referrerReward = (k: Compiled, nth: number): number => {
  let points = k.referrerPoints;
  for (const s of k.escalation) if (nth >= s.fromReferral) points = s.referrerPoints;
  return points;
};

export const referralProgram: ProgramType<Params, Compiled, Ext> = {
  id: "referral",
  name: "Referral",
  description:
    "Customers share a code or link; when a friend makes a first purchase, both get a reward, and the referrer's reward can grow with every friend brought in. Small instant rewards work better than large delayed ones.",
  strengths: [
    "Brings new customers through existing ones",
    "Instant small rewards work well (Dropbox: ~35% of daily sign-ups)",
  ],
  weaknesses: ["Depends on current customers' activity"],
  schema: referralParams,
  summarize: (p) =>
    join([
      `${count(p.referrerPoints, "point")} per converted friend`,
      ...p.escalation.map(
        (s) => `${count(s.referrerPoints, "point")} from friend #${s.fromReferral}`,
      ),
      `${count(p.refereePoints, "point")} for the friend`,
      p.minFirstOrder > 0 && `friend's first order of at least ${money(p.minFirstOrder)}`,
      p.maxReferrals > 0 && `up to ${count(p.maxReferrals, "referral")} each`,
      p.expiryDays > 0 && `points expire after ${days(p.expiryDays)}`,
    ]),
  compile: (p) => ({
    ...compileEarning({ ...p, earnPoints: 0, earnPer: 1 }),
    referrerPoints: p.referrerPoints,
    refereePoints: p.refereePoints,
    escalation: [...p.escalation].sort((a, b) => a.fromReferral - b.fromReferral),
    minFirstOrder: p.minFirstOrder,
    maxReferrals: p.maxReferrals,
  }),
  unit: () => "points",
  initialExt: () => ({ referrals: 0, welcomed: false, friends: [] }),
  onOrder(step, order) {
    redeemOnOrder(step, step.k, order);
  },
  onReferral(step, event) {
    const k = step.k;
    const ext = step.state.ext;
    if (event.firstOrderAmount < k.minFirstOrder)
      return note(step, event.id, `friend's first order is below ${money(k.minFirstOrder)}`);
    if (event.role === "referee") {
      if (ext.welcomed) return note(step, event.id, "the new-customer reward is given once");
      ext.welcomed = true;
      creditUnits(
        step,
        event.id,
        null,
        event.at,
        k.refereePoints,
        k.pointValue,
        k.pendingMs,
        k.expiryMs,
        "joined through a friend",
      );
      return;
    }
    if (ext.friends.includes(event.friendId))
      return note(step, event.id, "this friend was already rewarded");
    if (k.maxReferrals > 0 && ext.referrals >= k.maxReferrals)
      return note(step, event.id, "referral limit reached");
    ext.friends.push(event.friendId);
    ext.referrals++;
    const points = referrerReward(k, ext.referrals);
    creditUnits(
      step,
      event.id,
      null,
      event.at,
      points,
      k.pointValue,
      k.pendingMs,
      k.expiryMs,
      `friend #${ext.referrals} converted`,
    );
  },
  examples: [
    {
      title: "The third friend earns the escalated reward",
      params: {},
      events: [1, 2, 3].map((n) => ({
        kind: "referral" as const,
        id: `ref${n}`,
        customerId: "c1",
        at: T0 + n * DAY,
        role: "referrer" as const,
        friendId: `f${n}`,
        firstOrderAmount: 5_000,
      })),
      expect: { available: 500 + 500 + 750 },
    },
    {
      title: "The new customer is rewarded once",
      params: { minFirstOrder: 1_000 },
      events: [
        {
          kind: "referral",
          id: "r1",
          customerId: "f1",
          at: T0,
          role: "referee",
          friendId: "c1",
          firstOrderAmount: 2_000,
        },
        {
          kind: "referral",
          id: "r2",
          customerId: "f1",
          at: T0 + DAY,
          role: "referee",
          friendId: "c2",
          firstOrderAmount: 2_000,
        },
      ],
      expect: { available: 300 },
    },
  ],
};
