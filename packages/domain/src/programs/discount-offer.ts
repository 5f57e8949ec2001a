import { z } from "zod";
import { field } from "./field-meta";
import { percent, money } from "./summary-format";
import { percentOf, toBasisPoints } from "../money";

/** The "percent or amount off" parameters shared by promo codes, exclusive and eco offers. */
export const discountOfferParams = {
  discountKind: z
    .enum(["percent", "amount"])
    .default("percent")
    .meta(
      field({
        label: "Discount kind",
        help: "percent: 'percent off' applies; amount: 'amount off' applies.",
      }),
    ),
  percentOff: z
    .number()
    .min(0)
    .max(100)
    .default(10)
    .meta(field({ label: "Percent off", unit: "%" })),
  amountOff: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta(field({ label: "Amount off", unit: "minor currency units" })),
};

export interface DiscountOfferInput {
  readonly discountKind: "percent" | "amount";
  readonly percentOff: number;
  readonly amountOff: number;
}

export interface DiscountOffer {
  readonly bp: number;
  readonly amount: number;
}

export const compileOffer = (p: DiscountOfferInput): DiscountOffer =>
  p.discountKind === "percent"
    ? { bp: toBasisPoints(p.percentOff), amount: 0 }
    : { bp: 0, amount: p.amountOff };

export const offerDiscount = (o: DiscountOffer, net: number): number =>
  o.bp > 0 ? percentOf(net, o.bp) : Math.min(o.amount, net);

export const describeOffer = (p: DiscountOfferInput): string =>
  p.discountKind === "percent" ? `${percent(p.percentOff)} off` : `${money(p.amountOff)} off`;
