import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import { availableBalance, redeem } from "../ledger";
import {
  compileEarning,
  earnOnOrder,
  earningParams,
  summarizeEarning,
  type Earning,
} from "../points-earning";
import type { ProgramType, Step } from "../program-type";
import { note, payWithPoints } from "../rewards";
import { count, join } from "../summary-format";
import { percentOf, toBasisPoints } from "../../money";
import type { OrderEvent } from "../events";

const reward = z.object({
  id: z
    .string()
    .min(1)
    .meta(field({ label: "Reward id", unit: "text" })),
  name: z
    .string()
    .min(1)
    .meta(field({ label: "Name", unit: "text" })),
  points: z
    .number()
    .int()
    .min(1)
    .meta(field({ label: "Price", unit: "points" })),
  kind: z.enum(["amount-off", "percent-off", "free-item", "perk"]).meta(
    field({
      label: "Kind",
      help: "Discounts apply to the order it is chosen on; free items and perks are gifts.",
    }),
  ),
  value: z
    .number()
    .int()
    .min(0)
    .meta(
      field({
        label: "Value",
        help: "amount-off: minor currency units; percent-off: %; free item or perk: its cost.",
      }),
    ),
});

export const flexibleRewardsParams = commonParams.extend({
  ...earningParams,
  catalog: z
    .array(reward)
    .min(1)
    .default([
      { id: "5-off", name: "5.00 off", points: 100, kind: "amount-off", value: 500 },
      { id: "free-coffee", name: "Free coffee", points: 150, kind: "free-item", value: 300 },
      { id: "free-delivery", name: "Free delivery", points: 80, kind: "perk", value: 400 },
    ])
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
      message: "reward ids must be unique",
    })
    .meta(
      field({ label: "Reward catalog", help: "What customers can choose to spend points on." }),
    ),
});

type Params = z.output<typeof flexibleRewardsParams>;
type Reward = z.output<typeof reward>;
/** `chosen` is the ledger reason, built once: every redemption writes it. */
type CompiledReward = Reward & { readonly chosen: string };
type Compiled = Earning & { readonly catalog: ReadonlyMap<string, CompiledReward> };

/** Spends the reward's points and delivers it; a discount needs an order to apply to. */
const claim = (
  step: Step<Compiled>,
  ref: string,
  at: number,
  rewardId: string,
  order: OrderEvent | null,
): void => {
  const item = step.k.catalog.get(rewardId);
  const explain = step.explain;
  if (item === undefined)
    return note(step, ref, explain ? `no reward "${rewardId}" in the catalog` : "");
  if (order === null && (item.kind === "amount-off" || item.kind === "percent-off"))
    return note(step, ref, explain ? `${item.name} can only be chosen with an order` : "");
  if (availableBalance(step.state, at) < item.points)
    return note(step, ref, explain ? `${item.name} needs ${item.points} usable points` : "");
  redeem(step, ref, order?.id ?? null, at, item.points, item.chosen);
  const paid = explain ? `${item.name} for ${item.points} points` : "";
  if (order !== null && item.kind === "amount-off")
    payWithPoints(step, order, Math.min(item.value, step.order.net), paid);
  else if (order !== null && item.kind === "percent-off")
    payWithPoints(step, order, percentOf(step.order.net, toBasisPoints(item.value)), paid);
  // The cost of a free item or perk was booked when its points were earned.
  else if (explain)
    step.out.push({
      kind: "gift",
      customerId: step.state.customerId,
      ref,
      item: item.name,
      value: 0,
      reason: `chose ${item.name} for ${item.points} points`,
    });
};

export const flexibleRewardsProgram: ProgramType<Params, Compiled, null> = {
  id: "flexible-rewards",
  name: "Flexible rewards",
  description:
    "Customers earn points and choose what to spend them on from a catalog: a discount, a free item, free delivery or another perk. Freedom of choice keeps the rewards meaningful to each customer.",
  strengths: ["Freedom of choice"],
  weaknesses: ["Harder to run"],
  schema: flexibleRewardsParams,
  summarize: (p) =>
    join([
      summarizeEarning(p),
      ...p.catalog.map((r) => `${r.name} for ${count(r.points, "point")}`),
    ]),
  compile: (p) => ({
    ...compileEarning(p),
    catalog: new Map(p.catalog.map((r) => [r.id, { ...r, chosen: `chose ${r.name}` }])),
  }),
  unit: () => "points",
  initialExt: () => null,
  onOrder(step, order) {
    if (order.rewardId !== undefined) claim(step, order.id, order.at, order.rewardId, order);
    earnOnOrder(step, step.k, order);
  },
  onRedeem(step, event) {
    if (event.rewardId === undefined)
      return note(step, event.id, "choose a reward from the catalog");
    claim(step, event.id, event.at, event.rewardId, null);
  },
  examples: [
    {
      title: "Spending 150 points on a free coffee",
      params: { pendingDays: 0, earnPer: 100 },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 20_000 },
        { kind: "redeem", id: "x1", customerId: "c1", at: T0 + DAY, rewardId: "free-coffee" },
      ],
      expect: { available: 50, gifts: ["Free coffee"] },
    },
    {
      title: "5.00 off chosen at checkout",
      params: { pendingDays: 0, earnPer: 100 },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 20_000 },
        {
          kind: "order",
          id: "o2",
          customerId: "c1",
          at: T0 + DAY,
          amount: 3_000,
          rewardId: "5-off",
        },
      ],
      // 200 − 100 points, and the 25.00 paid earns 25.
      expect: { discount: 500, available: 125 },
    },
  ],
};
