import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY_MS } from "../eligibility";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import type { ProgramType } from "../program-type";
import { discountOrder, note } from "../rewards";
import { days, join, money, percent } from "../summary-format";
import { percentOf, toBasisPoints } from "../../money";

export const comebackParams = commonParams.extend({
  percentOff: z
    .number()
    .min(0)
    .max(100)
    .default(15)
    .meta(field({ label: "Discount on the next purchase", unit: "%" })),
  windowDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .default(7)
    .meta(field({ label: "Come back within", unit: "days" })),
  minOrder: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(field({ label: "Next order of at least", unit: "minor currency units" })),
  repeat: z
    .boolean()
    .default(false)
    .meta(
      field({
        label: "Every purchase opens a new window",
        help: "Off: only the second purchase after the first gets the discount.",
      }),
    ),
});

type Params = z.output<typeof comebackParams>;
interface Compiled {
  readonly bp: number;
  readonly windowMs: number;
  readonly minOrder: number;
  readonly repeat: boolean;
}
interface Ext {
  /** When the current window opened; null when none is open. */
  openedAt: number | null;
}

export const comebackProgram: ProgramType<Params, Compiled, Ext> = {
  id: "comeback",
  name: "Comeback discount",
  description:
    "The discount is for the next visit: after a purchase the customer gets a discount on the next one if it happens soon, e.g. 15% on the second purchase within 7 days of the first. It brings an unplanned second purchase.",
  strengths: ["Brings an unplanned second purchase"],
  weaknesses: ["Costs on purchases that would have happened anyway"],
  schema: comebackParams,
  summarize: (p) =>
    join([
      `${percent(p.percentOff)} off the ${p.repeat ? "next" : "second"} purchase within ${days(p.windowDays)}`,
      p.minOrder > 0 && `from ${money(p.minOrder)}`,
    ]),
  compile: (p) => ({
    bp: toBasisPoints(p.percentOff),
    windowMs: p.windowDays * DAY_MS,
    minOrder: p.minOrder,
    repeat: p.repeat,
  }),
  unit: () => "money",
  initialExt: () => ({ openedAt: null }),
  onOrder(step, order) {
    const k = step.k;
    const ext = step.state.ext;
    const first = step.state.orderCount === 0;
    if (ext.openedAt !== null) {
      if (order.at - ext.openedAt > k.windowMs)
        note(step, order.id, "came back after the window closed");
      else if (step.order.net < k.minOrder)
        note(step, order.id, `order is below ${money(k.minOrder)}`);
      else
        discountOrder(
          step,
          order,
          percentOf(step.order.net, k.bp),
          `came back within ${Math.round(k.windowMs / DAY_MS)} days`,
        );
      ext.openedAt = null;
    }
    if (first || k.repeat) ext.openedAt = order.at;
  },
  examples: [
    {
      title: "15% on the second purchase within 7 days",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 10_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + 6 * DAY, amount: 8_000 },
        { kind: "order", id: "o3", customerId: "c1", at: T0 + 7 * DAY, amount: 8_000 },
      ],
      expect: { discount: 1_200 },
    },
    {
      title: "Too late: the eighth day",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 10_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + 8 * DAY, amount: 8_000 },
      ],
      expect: { discount: 0 },
    },
  ],
};
