import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY_MS } from "../eligibility";
import {
  compileOffer,
  describeOffer,
  discountOfferParams,
  offerDiscount,
  type DiscountOffer,
} from "../discount-offer";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import type { ProgramType } from "../program-type";
import { fullyRefunded } from "../state";
import { discountOrder, note } from "../rewards";
import { count, days, join, money } from "../summary-format";

export const exclusiveOfferParams = commonParams
  .extend({
    offerName: z
      .string()
      .min(1)
      .default("Members' offer")
      .meta(field({ label: "Offer name", unit: "text" })),
    ...discountOfferParams,
    cardHoldersOnly: z
      .boolean()
      .default(true)
      .meta(
        field({ label: "Card holders only", help: "Only customers who signed up to the program." }),
      ),
    minTenureDays: z
      .number()
      .int()
      .min(0)
      .default(0)
      .meta(
        field({
          label: "Member for at least",
          unit: "days",
          help: "For long-time customers. 0: any card holder.",
        }),
      ),
    minOrder: z
      .number()
      .int()
      .min(0)
      .default(0)
      .meta(field({ label: "Order of at least", unit: "minor currency units" })),
    usesPerCustomer: z
      .number()
      .int()
      .min(0)
      .default(1)
      .meta(field({ label: "Uses per customer", unit: "count", help: "0: no limit." })),
  })
  .refine((p) => p.cardHoldersOnly || p.segments.length > 0, {
    message: "an exclusive offer needs an eligible segment or 'card holders only'",
    path: ["segments"],
  });

type Params = z.output<typeof exclusiveOfferParams>;
type Compiled = DiscountOffer & {
  readonly name: string;
  readonly members: boolean;
  readonly tenureMs: number;
  readonly minOrder: number;
  readonly uses: number;
};
interface Ext {
  uses: number;
}

export const exclusiveOfferProgram: ProgramType<Params, Compiled, Ext> = {
  id: "exclusive-offer",
  name: "Exclusive offer",
  description:
    "An offer only for card holders, long-time customers or a chosen segment. It makes membership worth having and grows the number of card holders.",
  strengths: ["Grows card holders"],
  weaknesses: ["Excludes newcomers"],
  schema: exclusiveOfferParams,
  summarize: (p) =>
    join([
      `${p.offerName}: ${describeOffer(p)}`,
      p.segments.length > 0 && `for ${p.segments.join(", ")}`,
      p.cardHoldersOnly &&
        (p.minTenureDays > 0
          ? `card holders of ${days(p.minTenureDays)} or more`
          : "card holders only"),
      p.minOrder > 0 && `on orders from ${money(p.minOrder)}`,
      p.usesPerCustomer > 0 && `${count(p.usesPerCustomer, "use")} per customer`,
    ]),
  compile: (p) => ({
    ...compileOffer(p),
    name: p.offerName,
    members: p.cardHoldersOnly,
    tenureMs: p.minTenureDays * DAY_MS,
    minOrder: p.minOrder,
    uses: p.usesPerCustomer,
  }),
  unit: () => "money",
  initialExt: () => ({ uses: 0 }),
  onOrder(step, order) {
    const k = step.k;
    const state = step.state;
    if (k.members && state.joinedAt === null) return note(step, order.id, "only for card holders");
    if (k.members && order.at - (state.joinedAt ?? order.at) < k.tenureMs)
      return note(step, order.id, "not a member for long enough yet");
    if (step.order.net < k.minOrder)
      return note(step, order.id, `order is below ${money(k.minOrder)}`);
    if (k.uses > 0 && state.ext.uses >= k.uses) return note(step, order.id, "offer already used");
    if (discountOrder(step, order, offerDiscount(k, step.order.net), k.name) > 0) {
      state.ext.uses++;
      step.order.units = 1;
    }
  },
  onRefund(step, _refund, record) {
    if (record.units === 1 && fullyRefunded(record))
      step.state.ext.uses = Math.max(0, step.state.ext.uses - 1);
  },
  examples: [
    {
      title: "Card holders of 6 months get 10% once; guests get nothing",
      params: { minTenureDays: 180 },
      events: [
        { kind: "signup", id: "s1", customerId: "c1", at: T0 },
        { kind: "order", id: "o1", customerId: "c1", at: T0 + 30 * DAY, amount: 10_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + 200 * DAY, amount: 10_000 },
        { kind: "order", id: "o3", customerId: "c1", at: T0 + 201 * DAY, amount: 10_000 },
      ],
      expect: { discount: 1_000 },
    },
    {
      title: "A segment-only offer",
      params: {
        cardHoldersOnly: false,
        segments: ["vip"],
        discountKind: "amount",
        amountOff: 2_000,
      },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 10_000, segments: ["vip"] },
        { kind: "order", id: "o2", customerId: "c2", at: T0, amount: 10_000 },
      ],
      expect: { discount: 2_000 },
    },
  ],
};
