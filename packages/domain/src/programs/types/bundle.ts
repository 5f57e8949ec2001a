import { z } from "zod";
import { commonParams } from "../common-params";
import { T0 } from "../example-time";
import { field } from "../field-meta";
import type { OrderEvent } from "../events";
import type { ProgramType } from "../program-type";
import { discountOrder } from "../rewards";
import { join, money } from "../summary-format";

const bundleItem = z.object({
  sku: z
    .string()
    .min(1)
    .meta(field({ label: "Product (SKU)", unit: "text" })),
  quantity: z
    .number()
    .int()
    .min(1)
    .default(1)
    .meta(field({ label: "Quantity", unit: "count" })),
});

export const bundleParams = commonParams.extend({
  items: z
    .array(bundleItem)
    .default([
      { sku: "shampoo", quantity: 1 },
      { sku: "conditioner", quantity: 1 },
    ])
    // Two of the same item is "2 for 1": people stock up and do not come back soon.
    .refine((items) => new Set(items.map((i) => i.sku)).size >= 2, {
      message: "a bundle needs at least two different products",
    })
    .meta(field({ label: "Products in the bundle" })),
  bundlePrice: z
    .number()
    .int()
    .min(0)
    .default(1_500)
    .meta(field({ label: "Bundle price", unit: "minor currency units" })),
  maxBundlesPerOrder: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(field({ label: "Bundles per order", unit: "count", help: "0: no limit." })),
});

type Params = z.output<typeof bundleParams>;
interface Compiled {
  readonly skus: readonly string[];
  readonly quantities: readonly number[];
  readonly price: number;
  readonly max: number;
}

/** How many whole bundles the order holds, and what one costs at the order's prices. */
const countBundles = (
  k: Compiled,
  order: OrderEvent,
  excluded: ReadonlySet<string> | null,
): [number, number] => {
  const lines = order.lines;
  if (lines === undefined) return [0, 0];
  let bundles = Infinity;
  let regular = 0;
  for (let i = 0; i < k.skus.length; i++) {
    let qty = 0;
    let price = 0;
    for (const line of lines)
      if (line.sku === k.skus[i] && (excluded === null || !excluded.has(line.category))) {
        qty += line.quantity;
        price = line.unitPrice;
      }
    const need = k.quantities[i] as number;
    bundles = Math.min(bundles, Math.floor(qty / need));
    regular += price * need;
  }
  if (bundles === Infinity || bundles === 0) return [0, 0];
  return [k.max > 0 ? Math.min(bundles, k.max) : bundles, regular];
};

export const bundleProgram: ProgramType<Params, Compiled, null> = {
  id: "bundle",
  name: "Combo / bundle",
  description:
    "A set of different products costs less together than apart. It raises the average order and introduces customers to a second product; the effect lasts about two weeks after.",
  strengths: ["Average order grows", "Introduces a second product", "Effect lasts ~2 weeks after"],
  weaknesses: ["Not '2 for 1' of the same item: people stock up and do not come back soon"],
  schema: bundleParams,
  summarize: (p) =>
    join([
      `${p.items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.sku}` : i.sku)).join(" + ")} for ${money(p.bundlePrice)}`,
      p.maxBundlesPerOrder > 0 && `up to ${p.maxBundlesPerOrder} per order`,
    ]),
  compile: (p) => ({
    skus: p.items.map((i) => i.sku),
    quantities: p.items.map((i) => i.quantity),
    price: p.bundlePrice,
    max: p.maxBundlesPerOrder,
  }),
  unit: () => "money",
  initialExt: () => null,
  onOrder(step, order) {
    const [bundles, regular] = countBundles(step.k, order, step.common.excluded);
    const saving = regular - step.k.price;
    if (bundles > 0 && saving > 0)
      discountOrder(
        step,
        order,
        saving * bundles,
        `${bundles} bundle(s) at ${money(step.k.price)}`,
      );
  },
  examples: [
    {
      title: "Shampoo + conditioner for 15.00 instead of 20.00",
      params: {},
      events: [
        {
          kind: "order",
          id: "o1",
          customerId: "c1",
          at: T0,
          amount: 2_500,
          lines: [
            { sku: "shampoo", category: "hair", quantity: 1, unitPrice: 1_200 },
            { sku: "conditioner", category: "hair", quantity: 1, unitPrice: 800 },
            { sku: "soap", category: "body", quantity: 1, unitPrice: 500 },
          ],
        },
      ],
      expect: { discount: 500 },
    },
    {
      title: "Two shampoos are not a bundle",
      params: {},
      events: [
        {
          kind: "order",
          id: "o1",
          customerId: "c1",
          at: T0,
          amount: 2_400,
          lines: [{ sku: "shampoo", category: "hair", quantity: 2, unitPrice: 1_200 }],
        },
      ],
      expect: { discount: 0 },
    },
  ],
};
