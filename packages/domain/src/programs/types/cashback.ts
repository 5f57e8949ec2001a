import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY_MS } from "../eligibility";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import { availableBalance, redeem } from "../ledger";
import type { ProgramType } from "../program-type";
import { creditUnits, note, payWithPoints } from "../rewards";
import { refundedShare } from "../state";
import { days, join, money, percent } from "../summary-format";
import { percentOf, toBasisPoints } from "../../money";

export const cashbackParams = commonParams.extend({
  percentBack: z
    .number()
    .min(0)
    .max(100)
    .default(5)
    .meta(
      field({
        label: "Cashback",
        unit: "%",
        help: "Share of the net order returned to the customer.",
      }),
    ),
  withdrawable: z
    .boolean()
    .default(false)
    .meta(
      field({
        label: "Withdrawable",
        help: "On: real money the customer can withdraw. Off: a bonus usable only on orders (say so honestly).",
      }),
    ),
  monthlyMinimum: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(
      field({
        label: "Monthly minimum",
        unit: "minor currency units",
        help: "Cashback starts once the customer's spend this calendar month (UTC) reaches it. 0: always.",
      }),
    ),
  pendingDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(14)
    .meta(
      field({
        label: "Pending period",
        unit: "days",
        help: "Cashback becomes usable after the return window closes.",
      }),
    ),
  expiryDays: z
    .number()
    .int()
    .min(0)
    // Ten years at most (0 is never): a longer span has no use and overflows the calendar.
    .max(3650)
    .default(365)
    .meta(
      field({
        label: "Bonus expires after",
        unit: "days",
        help: "Bonus cashback only; withdrawable money never expires. 0: never.",
      }),
    ),
  maxRedeemPercent: z
    .number()
    .min(0)
    .max(100)
    .default(100)
    .meta(field({ label: "Max share paid with bonus", unit: "%", help: "Bonus cashback only." })),
});

type Params = z.output<typeof cashbackParams>;
interface Compiled {
  readonly bp: number;
  readonly withdrawable: boolean;
  readonly monthlyMinimum: number;
  readonly pendingMs: number;
  readonly expiryMs: number;
  readonly maxRedeemBp: number;
}
interface Ext {
  month: number;
  monthSpend: number;
}

// Calendar months are UTC like every instant in the engine.
const monthOf = (at: number): number => {
  const d = new Date(at);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export const cashbackProgram: ProgramType<Params, Compiled, Ext> = {
  id: "cashback",
  name: "Cashback",
  description:
    "A share of every purchase comes back to the customer. Real cashback is money the customer can withdraw; otherwise it is a bonus balance spent on later orders, and the program should say so plainly.",
  strengths: ["Strong perceived value"],
  weaknesses: ["Direct cost", "Must be honest about what is withdrawable"],
  schema: cashbackParams,
  summarize: (p) =>
    join([
      `${percent(p.percentBack)} back`,
      p.monthlyMinimum > 0 && `once ${money(p.monthlyMinimum)} is spent in a month`,
      p.withdrawable ? "withdrawable as money" : "as a bonus usable on orders only",
      p.pendingDays > 0 && `usable ${days(p.pendingDays)} after the order`,
      !p.withdrawable &&
        (p.expiryDays > 0 ? `bonus expires after ${days(p.expiryDays)}` : "bonus never expires"),
    ]),
  compile: (p) => ({
    bp: toBasisPoints(p.percentBack),
    withdrawable: p.withdrawable,
    monthlyMinimum: p.monthlyMinimum,
    pendingMs: p.pendingDays * DAY_MS,
    expiryMs: p.withdrawable ? 0 : p.expiryDays * DAY_MS,
    maxRedeemBp: toBasisPoints(p.maxRedeemPercent),
  }),
  unit: (p) => (p.withdrawable ? "money" : "points"),
  initialExt: () => ({ month: -1, monthSpend: 0 }),
  onOrder(step, order) {
    const k = step.k;
    const ext = step.state.ext;
    const asked = order.redeemPoints ?? 0;
    if (asked > 0 && !k.withdrawable) {
      const limit = Math.min(
        asked,
        availableBalance(step.state, order.at),
        percentOf(step.order.net, k.maxRedeemBp),
      );
      const taken = redeem(
        step,
        order.id,
        order.id,
        order.at,
        limit,
        "paid part of an order with bonus",
      );
      if (taken > 0)
        payWithPoints(
          step,
          order,
          taken,
          step.explain ? `paid ${money(taken)} with bonus cashback` : "",
        );
    }
    if (k.monthlyMinimum > 0) {
      // A late order from an earlier month counts toward that month, whose other orders are long
      // settled: it is judged on its own spend and leaves the current month alone.
      const month = monthOf(step.happened);
      let spend = step.order.net;
      if (month === monthOf(order.at)) {
        if (month !== ext.month) {
          ext.month = month;
          ext.monthSpend = 0;
        }
        ext.monthSpend += step.order.net;
        spend = ext.monthSpend;
      }
      if (spend < k.monthlyMinimum) {
        if (step.explain)
          note(
            step,
            order.id,
            `month's spend ${money(spend)} is below the ${money(k.monthlyMinimum)} minimum`,
          );
        return;
      }
    }
    const back = percentOf(step.order.net, k.bp);
    creditUnits(
      step,
      order.id,
      order,
      order.at,
      back,
      1,
      k.pendingMs,
      k.expiryMs,
      "cashback on an order",
    );
  },
  onRefund(step, _refund, record, before) {
    const ext = step.state.ext;
    // Only an order counted into the month gives its spend back: a late order from an earlier month
    // was judged on its own (see onOrder). It gives back the refunded share of what it counted (its
    // eligible net), not the money refunded.
    const month = monthOf(record.at);
    if (month !== ext.month || monthOf(record.happened ?? record.at) !== month) return;
    const given = refundedShare(record.net, record, before);
    ext.monthSpend = Math.max(0, ext.monthSpend - given);
  },
  onRedeem(step, event) {
    if (!step.k.withdrawable)
      return note(step, event.id, "bonus cashback cannot be withdrawn, only spent on orders");
    redeem(step, event.id, null, event.at, event.points ?? 0, "cashback withdrawn");
  },
  examples: [
    {
      title: "5% back once 10,000 is spent in the month",
      params: { monthlyMinimum: 1_000_000, pendingDays: 0 },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 600_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + DAY, amount: 500_000 },
      ],
      expect: { available: 25_000 },
    },
    {
      title: "Withdrawable cashback is money that can be taken out",
      params: { withdrawable: true, pendingDays: 0, percentBack: 2 },
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 50_000 },
        { kind: "redeem", id: "w1", customerId: "c1", at: T0 + DAY, points: 600 },
      ],
      expect: { available: 400 },
    },
  ],
};
