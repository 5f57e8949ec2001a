import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import type { ProgramType } from "../program-type";
import { refundedShare } from "../state";
import { giveGift, note } from "../rewards";
import { count, join, money } from "../summary-format";
import type { OrderEvent } from "../events";

export const stampCardParams = commonParams.extend({
  stampsRequired: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(9)
    .meta(
      field({ label: "Stamps for a reward", unit: "count", help: "A full card earns the reward." }),
    ),
  countBy: z
    .enum(["item", "purchase"])
    .default("item")
    .meta(
      field({
        label: "One stamp per",
        help: "item: each eligible item; purchase: each order with an eligible item.",
      }),
    ),
  categories: z
    .array(z.string().min(1))
    .default(["coffee"])
    .meta(
      field({ label: "Eligible categories", help: "Items that earn stamps. Empty: every item." }),
    ),
  rewardName: z
    .string()
    .min(1)
    .default("Free drink")
    .meta(field({ label: "Reward", unit: "text" })),
  rewardValue: z
    .number()
    .int()
    .min(0)
    .default(300)
    .meta(
      field({
        label: "Reward cost",
        unit: "minor currency units",
        help: "What the free item costs the business.",
      }),
    ),
});

type Params = z.output<typeof stampCardParams>;
interface Compiled {
  readonly required: number;
  readonly perItem: boolean;
  readonly categories: ReadonlySet<string> | null;
  readonly rewardName: string;
  readonly rewardValue: number;
}
interface Ext {
  stamps: number;
}

const stampsFor = (k: Compiled, order: OrderEvent): number => {
  if (order.lines === undefined) return k.categories === null ? 1 : 0;
  let items = 0;
  for (const line of order.lines)
    if (k.categories === null || k.categories.has(line.category)) items += line.quantity;
  return k.perItem ? items : Math.min(items, 1);
};

const coffee = (id: string, at: number) =>
  ({
    kind: "order",
    id,
    customerId: "c1",
    at,
    amount: 350,
    lines: [{ sku: "latte", category: "coffee", quantity: 1, unitPrice: 350 }],
  }) as const;

export const stampCardProgram: ProgramType<Params, Compiled, Ext> = {
  id: "stamp-card",
  name: "Stamp card",
  description:
    "Every eligible purchase (or item) earns a stamp; a full card earns a free item. The coffee-shop classic: a free drink after a set number of coffees.",
  strengths: ["Simple", "Frequent small wins"],
  weaknesses: ["Loses interest without a worthwhile reward"],
  schema: stampCardParams,
  summarize: (p) =>
    join([
      `${p.rewardName} after ${count(p.stampsRequired, p.countBy === "item" ? "item" : "purchase")}`,
      p.categories.length > 0 && `in ${p.categories.join(", ")}`,
      `reward costs ${money(p.rewardValue)}`,
    ]),
  compile: (p) => ({
    required: p.stampsRequired,
    perItem: p.countBy === "item",
    categories: p.categories.length === 0 ? null : new Set(p.categories),
    rewardName: p.rewardName,
    rewardValue: p.rewardValue,
  }),
  unit: () => "points",
  initialExt: () => ({ stamps: 0 }),
  onOrder(step, order) {
    const k = step.k;
    const add = stampsFor(k, order);
    if (add === 0) return;
    const ext = step.state.ext;
    ext.stamps += add;
    step.order.units = add;
    while (ext.stamps >= k.required) {
      ext.stamps -= k.required;
      if (!giveGift(step, order.id, k.rewardName, k.rewardValue, `card full: ${k.required} stamps`))
        break;
    }
  },
  onRefund(step, refund, record, before) {
    const take = refundedShare(record.units, record, before);
    const ext = step.state.ext;
    if (take > ext.stamps)
      note(step, refund.id, "some stamps of the refunded order already went into a reward");
    ext.stamps = Math.max(0, ext.stamps - take);
  },
  examples: [
    {
      title: "Free drink after 9 coffees",
      params: {},
      events: Array.from({ length: 9 }, (_, i) => coffee(`o${i + 1}`, T0 + i * DAY)),
      expect: { gifts: ["Free drink"] },
    },
    {
      title: "Pastries do not earn coffee stamps",
      params: { stampsRequired: 2 },
      events: [
        coffee("o1", T0),
        {
          kind: "order",
          id: "o2",
          customerId: "c1",
          at: T0 + DAY,
          amount: 250,
          lines: [{ sku: "croissant", category: "bakery", quantity: 1, unitPrice: 250 }],
        },
      ],
      expect: { gifts: [] },
    },
  ],
};
