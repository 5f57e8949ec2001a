import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY_MS } from "../eligibility";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import {
  compileEarning,
  earnOnOrder,
  earningParams,
  redeemOnOrder,
  type Earning,
} from "../points-earning";
import type { ProgramType, Step } from "../program-type";
import { fullyRefunded, refundedShare } from "../state";
import { discountOrder } from "../rewards";
import { days, join, money, percent } from "../summary-format";
import { percentOf, toBasisPoints } from "../../money";
import {
  addToWindow,
  emptyWindow,
  qualifyingTier,
  shrinkEntry,
  windowTotal,
  type QualificationWindow,
} from "./vip-window";

const tier = z.object({
  name: z
    .string()
    .min(1)
    .meta(field({ label: "Tier name", unit: "text" })),
  threshold: z
    .number()
    .int()
    .min(1)
    .meta(field({ label: "Qualifies from", help: "In the unit chosen by 'qualify by'." })),
  percentOff: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .meta(field({ label: "Extra discount", unit: "%" })),
  pointsBonusPercent: z
    .number()
    .min(0)
    .max(1000)
    .default(0)
    .meta(field({ label: "Extra points", unit: "%" })),
  perks: z
    .array(z.string())
    .default([])
    .meta(
      field({ label: "Perks", help: "Shown to customers: priority delivery, exclusive offers…" }),
    ),
});

export const vipTiersParams = commonParams.extend({
  qualifyBy: z
    .enum(["spend", "purchases", "points"])
    .default("spend")
    .meta(
      field({
        label: "Qualify by",
        help: "Spend, purchases or points *earned* in the window; never the current balance.",
      }),
    ),
  windowDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(365)
    .meta(field({ label: "Qualification window", unit: "days" })),
  tiers: z
    .array(tier)
    .min(1)
    .default([
      { name: "Silver", threshold: 100_000, percentOff: 3, pointsBonusPercent: 0, perks: [] },
      {
        name: "Gold",
        threshold: 500_000,
        percentOff: 7,
        pointsBonusPercent: 25,
        perks: ["exclusive offers"],
      },
      {
        name: "Platinum",
        threshold: 1_500_000,
        percentOff: 10,
        pointsBonusPercent: 50,
        perks: ["exclusive offers", "priority delivery"],
      },
    ])
    .refine((ts) => ts.every((t, i) => i === 0 || t.threshold > (ts[i - 1]?.threshold ?? 0)), {
      message: "tiers must go up in threshold",
    })
    .meta(field({ label: "Tiers", help: "Lowest first." })),
  downgrade: z
    .enum(["never", "one-step", "recalculate"])
    .default("one-step")
    .meta(
      field({
        label: "Downgrade at review",
        help: "What happens at the periodic review to customers who no longer qualify.",
      }),
    ),
  ...earningParams,
  earnPoints: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(
      field({
        label: "Points earned",
        unit: "points",
        help: "Points per 'per amount spent'; 0: a status-only program.",
      }),
    ),
});

type Params = z.output<typeof vipTiersParams>;
type Compiled = Earning & {
  readonly by: "spend" | "purchases" | "points";
  readonly windowMs: number;
  readonly thresholds: readonly number[];
  readonly names: readonly string[];
  readonly discountBp: readonly number[];
  readonly bonusBp: readonly number[];
  readonly downgrade: "never" | "one-step" | "recalculate";
};
interface Ext {
  tier: number;
  window: QualificationWindow;
}

/**
 * The reason is formatted here, only when the effect is seen. (Not a callback: a closure over the
 * caller's locals made every order allocate a context for them.)
 */
const setTier = (
  step: Step<Compiled, Ext>,
  ref: string,
  at: number,
  next: number,
  why: string,
  total: number,
): void => {
  const ext = step.state.ext;
  if (next === ext.tier) return;
  if (step.explain) {
    const names = step.k.names;
    step.out.push({
      kind: "tier",
      customerId: step.state.customerId,
      ref,
      at,
      from: names[ext.tier] ?? null,
      to: names[next] ?? null,
      reason: `${why} ${total} ${step.k.by} in the window`,
    });
  }
  ext.tier = next;
};

export const vipTiersProgram: ProgramType<Params, Compiled, Ext> = {
  id: "vip-tiers",
  name: "VIP tiers",
  description:
    "Customers who buy often or spend a lot within a period reach a status with privileges: an extra discount, bonus points, priority delivery, exclusive offers. Status is reviewed periodically and can be lost.",
  strengths: ["Exclusivity", "Emotional attachment"],
  weaknesses: ["Not everyone can reach it"],
  schema: vipTiersParams,
  summarize: (p) => {
    const unit = (n: number): string =>
      p.qualifyBy === "spend" ? `${money(n)} spent` : `${n} ${p.qualifyBy}`;
    return join([
      ...p.tiers.map(
        (t) =>
          `${t.name} from ${unit(t.threshold)}${t.percentOff > 0 ? ` (${percent(t.percentOff)} off)` : ""}${t.perks.length > 0 ? ` with ${t.perks.join(" and ")}` : ""}`,
      ),
      `counted over ${days(p.windowDays)}`,
      {
        never: "status is never lost",
        "one-step": "drops one tier at review if not requalified",
        recalculate: "reset to the qualifying tier at review",
      }[p.downgrade],
    ]);
  },
  compile: (p) => ({
    ...compileEarning(p),
    by: p.qualifyBy,
    windowMs: p.windowDays * DAY_MS,
    thresholds: p.tiers.map((t) => t.threshold),
    names: p.tiers.map((t) => t.name),
    discountBp: p.tiers.map((t) => toBasisPoints(t.percentOff)),
    bonusBp: p.tiers.map((t) => 10_000 + toBasisPoints(t.pointsBonusPercent)),
    downgrade: p.downgrade,
  }),
  unit: () => "points",
  initialExt: () => ({ tier: -1, window: emptyWindow() }),
  onOrder(step, order) {
    const k = step.k;
    const ext = step.state.ext;
    if (ext.tier >= 0) {
      const bp = k.discountBp[ext.tier] as number;
      if (bp > 0)
        discountOrder(
          step,
          order,
          percentOf(step.order.net, bp),
          step.explain ? `${k.names[ext.tier]} discount` : "",
        );
    }
    redeemOnOrder(step, k, order);
    const points =
      k.earnPoints > 0
        ? earnOnOrder(step, k, order, ext.tier >= 0 ? (k.bonusBp[ext.tier] as number) : 10_000)
        : 0;
    // A late order counts in the window from when it was placed (so it leaves it on time), and not
    // at all when that was before the current window opened.
    if (step.happened >= order.at - k.windowMs)
      addToWindow(ext.window, {
        orderId: order.id,
        at: step.happened,
        spend: step.order.net,
        points,
        purchases: 1,
      });
    const total = windowTotal(ext.window, k.by, order.at - k.windowMs);
    const next = qualifyingTier(k.thresholds, total);
    // Upgrades are immediate; downgrades wait for the review so status never flickers.
    if (next > ext.tier) setTier(step, order.id, order.at, next, "qualified with", total);
  },
  onRefund(step, _refund, record, before) {
    const window = step.state.ext.window;
    // The order's live entry: an import edit leaves its earlier version's entry emptied beside it.
    const entry = window.entries.findLast(
      (w) => w.orderId === record.id && (w.spend !== 0 || w.points !== 0 || w.purchases !== 0),
    );
    if (entry === undefined) return;
    shrinkEntry(
      window,
      entry,
      refundedShare(record.net, record, before),
      refundedShare(record.earned, record, before),
      fullyRefunded(record) ? entry.purchases : 0,
    );
  },
  onTick(step, event) {
    const k = step.k;
    const ext = step.state.ext;
    const total = windowTotal(ext.window, k.by, event.at - k.windowMs);
    const qualifies = qualifyingTier(k.thresholds, total);
    if (qualifies >= ext.tier || k.downgrade === "never") return;
    const next = k.downgrade === "one-step" ? ext.tier - 1 : qualifies;
    setTier(step, event.id, event.at, next, "review:", total);
  },
  examples: [
    {
      title: "Gold after 5,000 spent in a year, one step down at a review a year later",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 500_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + DAY, amount: 10_000 },
        { kind: "tick", id: "review", customerId: "c1", at: T0 + 400 * DAY },
      ],
      // The second order gets Gold's 7%.
      expect: { discount: 700, tier: "Silver" },
    },
    {
      title: "Qualifying on points earned, not on the balance left after redeeming",
      params: {
        qualifyBy: "points",
        earnPoints: 1,
        earnPer: 100,
        pendingDays: 0,
        tiers: [{ name: "Gold", threshold: 900 }],
      },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 60_000 },
        {
          kind: "order",
          id: "o2",
          customerId: "c1",
          at: T0 + DAY,
          amount: 40_000,
          redeemPoints: 400,
        },
      ],
      // 600 earned, 400 redeemed (20.00 off), 380 earned: 980 earned reaches Gold; the balance is 580.
      expect: { tier: "Gold", available: 580 },
    },
  ],
};
