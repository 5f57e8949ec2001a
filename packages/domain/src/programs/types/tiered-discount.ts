import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import type { ProgramType, Step } from "../program-type";
import { discountOrder } from "../rewards";
import { join, money, percent } from "../summary-format";
import { percentOf, toBasisPoints } from "../../money";

const level = z.object({
  spend: z
    .number()
    .int()
    .min(1)
    .meta(field({ label: "Total spent", unit: "minor currency units" })),
  percentOff: z
    .number()
    .min(0)
    .max(100)
    .meta(field({ label: "Discount", unit: "%" })),
});

export const tieredDiscountParams = commonParams.extend({
  levels: z
    .array(level)
    .min(1)
    .default([
      { spend: 200_000, percentOff: 5 },
      { spend: 500_000, percentOff: 10 },
    ])
    .refine((levels) => levels.every((l, i) => i === 0 || l.spend > (levels[i - 1]?.spend ?? 0)), {
      message: "levels must go up in total spent",
    })
    .meta(
      field({
        label: "Levels",
        help: "The more a customer has spent in total (net of refunds), the larger the permanent discount.",
      }),
    ),
});

type Params = z.output<typeof tieredDiscountParams>;
interface Compiled {
  readonly spend: readonly number[];
  readonly bp: readonly number[];
  readonly names: readonly string[];
}
interface Ext {
  level: number;
}

const levelFor = (k: Compiled, spend: number): number => {
  let found = -1;
  for (let i = 0; i < k.spend.length; i++) if (spend >= (k.spend[i] as number)) found = i;
  return found;
};

const review = (step: Step<Compiled, Ext>, ref: string, at: number, spend: number): void => {
  const ext = step.state.ext;
  const next = levelFor(step.k, spend);
  if (next === ext.level) return;
  if (step.explain) tierEffect(step, ref, at, next, spend);
  ext.level = next;
};

const tierEffect = (
  step: Step<Compiled, Ext>,
  ref: string,
  at: number,
  next: number,
  spend: number,
): void => {
  const ext = step.state.ext;
  const name = (i: number): string | null => step.k.names[i] ?? null;
  step.out.push({
    kind: "tier",
    customerId: step.state.customerId,
    ref,
    at,
    from: name(ext.level),
    to: name(next),
    reason:
      next > ext.level
        ? `total spent reached ${money(spend)}`
        : `total spent fell to ${money(spend)} after a refund`,
  });
};

export const tieredDiscountProgram: ProgramType<Params, Compiled, Ext> = {
  id: "tiered-discount",
  name: "Cumulative discount",
  description:
    "A permanent discount that grows with everything the customer has spent so far: reach the next level of total spend and every later order gets the larger discount.",
  strengths: ["Raises average order value as customers chase the next level"],
  weaknesses: ["Takes long before the discount is felt"],
  schema: tieredDiscountParams,
  summarize: (p) =>
    join(p.levels.map((l) => `${money(l.spend)} spent → ${percent(l.percentOff)} off`)),
  compile: (p) => ({
    spend: p.levels.map((l) => l.spend),
    bp: p.levels.map((l) => toBasisPoints(l.percentOff)),
    names: p.levels.map((l) => `${l.percentOff}% level`),
  }),
  unit: () => "money",
  initialExt: () => ({ level: -1 }),
  onOrder(step, order) {
    const ext = step.state.ext;
    // The level reached before this order applies to it; the order then counts toward the next.
    if (ext.level >= 0) {
      const bp = step.k.bp[ext.level] as number;
      discountOrder(
        step,
        order,
        percentOf(step.order.net, bp),
        step.explain ? `${bp / 100}% for ${money(step.k.spend[ext.level] as number)} spent` : "",
      );
    }
    review(step, order.id, order.at, step.state.lifetimeSpend + step.order.net);
  },
  onRefund(step, refund) {
    review(step, refund.id, refund.at, step.state.lifetimeSpend);
  },
  examples: [
    {
      title: "5,000 spent → 10% off the next orders",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 500_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + DAY, amount: 10_000 },
      ],
      expect: { discount: 1_000, tier: "10% level" },
    },
    {
      title: "A refund takes the customer back down",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 300_000 },
        {
          kind: "refund",
          id: "r1",
          customerId: "c1",
          at: T0 + DAY,
          orderId: "o1",
          amount: 200_000,
        },
      ],
      expect: { discount: 0, tier: null },
    },
  ],
};
