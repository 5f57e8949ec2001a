import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import {
  compileEarning,
  earnOnOrder,
  earningParams,
  redeemOnOrder,
  summarizeEarning,
  type Earning,
} from "../points-earning";
import type { ProgramType } from "../program-type";
import { creditUnits } from "../rewards";
import { count, join } from "../summary-format";

export const pointsParams = commonParams.extend({
  ...earningParams,
  welcomePoints: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(
      field({
        label: "Welcome points",
        unit: "points",
        help: "Given at sign-up, so the reward is felt at once.",
      }),
    ),
});

type Params = z.output<typeof pointsParams>;
type Compiled = Earning & { readonly welcomePoints: number };

export const pointsProgram: ProgramType<Params, Compiled, null> = {
  id: "points",
  name: "Points / bonus",
  description:
    "Customers earn points on every purchase in proportion to what they spend and use them later to pay part of an order. Points become usable once the return window closes and expire if unused.",
  strengths: ["Drives repeat purchases", "Easy to understand"],
  weaknesses: ["Unredeemed points are a liability", "Interest fades without meaningful rewards"],
  schema: pointsParams,
  summarize: (p) =>
    join([
      summarizeEarning(p),
      p.welcomePoints > 0 && `${count(p.welcomePoints, "welcome point")}`,
    ]),
  compile: (p) => ({ ...compileEarning(p), welcomePoints: p.welcomePoints }),
  unit: () => "points",
  initialExt: () => null,
  onOrder(step, order) {
    redeemOnOrder(step, step.k, order);
    earnOnOrder(step, step.k, order);
  },
  onSignup(step, event) {
    const k = step.k;
    creditUnits(
      step,
      event.id,
      null,
      event.at,
      k.welcomePoints,
      k.pointValue,
      0,
      k.expiryMs,
      "welcome points",
    );
  },
  examples: [
    {
      title: "1 point per 10.00 spent, pending for 14 days",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 12_550 },
        { kind: "tick", id: "t1", customerId: "c1", at: T0 + 20 * DAY },
      ],
      expect: { available: 12, pending: 0 },
    },
    {
      title: "Paying with points earns only on the rest",
      params: { pendingDays: 0, minRedemption: 10 },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 100_000 },
        {
          kind: "order",
          id: "o2",
          customerId: "c1",
          at: T0 + DAY,
          amount: 10_000,
          redeemPoints: 100,
        },
      ],
      // 100 points earned; 100 points × 0.05 = 5.00 off; the 95.00 paid earns 9 points.
      expect: { discount: 500, available: 9 },
    },
  ],
};
