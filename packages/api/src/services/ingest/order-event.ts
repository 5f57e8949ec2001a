import type { OrderEvent } from "@boomerang/domain/programs";

/** What the engine needs of a stored order, however it arrived (API or import). */
export type OrderFacts = {
  id: number;
  customerId: number;
  placedAt: Date;
  subtotal: number;
  discount: number;
  channel: "online" | "offline";
  storeId: number | null;
  lines: readonly { sku: string; category: string; quantity: number; unitPrice: number }[];
};

/** Checkout choices only a live order carries. */
export type CheckoutChoices = { redeemPoints?: number; rewardId?: string; promoCode?: string };

/** The engine's order event for a stored order: its id is the order's database id. */
export function orderEventOf(order: OrderFacts, choices: CheckoutChoices = {}): OrderEvent {
  return {
    kind: "order",
    id: String(order.id),
    customerId: String(order.customerId),
    at: order.placedAt.getTime(),
    amount: order.subtotal,
    discount: order.discount,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      category: line.category,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
    })),
    // The engine names in-store sales "store".
    channel: order.channel === "offline" ? "store" : "online",
    ...(order.storeId === null ? {} : { storeId: String(order.storeId) }),
    ...(choices.redeemPoints === undefined ? {} : { redeemPoints: choices.redeemPoints }),
    ...(choices.rewardId === undefined ? {} : { rewardId: choices.rewardId }),
    ...(choices.promoCode === undefined ? {} : { promoCode: choices.promoCode }),
  };
}
