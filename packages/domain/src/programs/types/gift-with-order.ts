import { z } from "zod";
import { commonParams } from "../common-params";
import { DAY, T0 } from "../example-time";
import { field } from "../field-meta";
import type { OrderEvent } from "../events";
import type { ProgramType } from "../program-type";
import { giveGift, note } from "../rewards";
import { count, join, money } from "../summary-format";

export const giftWithOrderParams = commonParams.extend({
  thresholdKind: z
    .enum(["amount", "weight"])
    .default("amount")
    .meta(
      field({
        label: "Threshold on",
        help: "amount: net order value; weight: total grams of the order's items.",
      }),
    ),
  threshold: z
    .number()
    .int()
    .min(1)
    .default(300_000)
    .meta(
      field({ label: "Threshold", help: "Minor currency units for amount, grams for weight." }),
    ),
  giftName: z
    .string()
    .min(1)
    .default("Travel-size hand cream")
    .meta(field({ label: "Gift", unit: "text" })),
  giftValue: z
    .number()
    .int()
    .min(0)
    .default(250)
    .meta(field({ label: "Gift cost", unit: "minor currency units" })),
  maxGiftsPerCustomer: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(field({ label: "Gifts per customer", unit: "count", help: "0: no limit." })),
});

type Params = z.output<typeof giftWithOrderParams>;
interface Compiled {
  readonly byWeight: boolean;
  readonly threshold: number;
  readonly name: string;
  readonly value: number;
  readonly max: number;
}
interface Ext {
  gifts: number;
}

const weightOf = (order: OrderEvent): number => {
  let grams = 0;
  for (const line of order.lines ?? []) grams += (line.weightGrams ?? 0) * line.quantity;
  return grams;
};

export const giftWithOrderProgram: ProgramType<Params, Compiled, Ext> = {
  id: "gift-with-order",
  name: "Gift with order",
  description:
    "Orders above a threshold (an amount, or a weight) get a gift. A good way to introduce a new product to customers who are already buying.",
  strengths: ["Introduces new products"],
  weaknesses: ["Cost per order"],
  schema: giftWithOrderParams,
  summarize: (p) =>
    join([
      `${p.giftName} with orders from ${p.thresholdKind === "amount" ? money(p.threshold) : `${p.threshold.toLocaleString("en-US")} g`}`,
      `gift costs ${money(p.giftValue)}`,
      p.maxGiftsPerCustomer > 0 && `${count(p.maxGiftsPerCustomer, "gift")} per customer`,
    ]),
  compile: (p) => ({
    byWeight: p.thresholdKind === "weight",
    threshold: p.threshold,
    name: p.giftName,
    value: p.giftValue,
    max: p.maxGiftsPerCustomer,
  }),
  unit: () => "money",
  initialExt: () => ({ gifts: 0 }),
  onOrder(step, order) {
    const k = step.k;
    const measure = k.byWeight ? weightOf(order) : step.order.net;
    if (measure < k.threshold) return;
    const ext = step.state.ext;
    if (k.max > 0 && ext.gifts >= k.max)
      return note(step, order.id, "gift limit per customer reached");
    if (
      giveGift(
        step,
        order.id,
        k.name,
        k.value,
        `order of ${k.byWeight ? `${measure} g` : money(measure)} reached the threshold`,
      )
    ) {
      ext.gifts++;
      step.order.units = 1;
    }
  },
  onRefund(step, refund, record) {
    if (record.units === 1) note(step, refund.id, "the order's gift was already handed over");
  },
  examples: [
    {
      title: "A gift with orders from 3,000",
      params: {},
      events: [
        { kind: "order", id: "o1", customerId: "c1", at: T0, amount: 350_000 },
        { kind: "order", id: "o2", customerId: "c1", at: T0 + DAY, amount: 250_000 },
      ],
      expect: { gifts: ["Travel-size hand cream"] },
    },
    {
      title: "By weight: 5 kg of pet food",
      params: { thresholdKind: "weight", threshold: 5_000, giftName: "Treats sample" },
      events: [
        {
          kind: "order",
          id: "o1",
          customerId: "c1",
          at: T0,
          amount: 4_000,
          lines: [
            {
              sku: "dry-food-2.5kg",
              category: "pets",
              quantity: 2,
              unitPrice: 2_000,
              weightGrams: 2_500,
            },
          ],
        },
      ],
      expect: { gifts: ["Treats sample"] },
    },
  ],
};
