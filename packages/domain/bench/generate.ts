import type { OrderEvent, OrderLine } from "../src/programs/events";
import { createPrng } from "./prng";

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

const catalog: readonly OrderLine[] = [
  { sku: "latte", category: "coffee", quantity: 1, unitPrice: 350, weightGrams: 400 },
  { sku: "espresso", category: "coffee", quantity: 2, unitPrice: 200, weightGrams: 100 },
  { sku: "croissant", category: "bakery", quantity: 1, unitPrice: 250, weightGrams: 80 },
  { sku: "shampoo", category: "hair", quantity: 1, unitPrice: 1_200, weightGrams: 300 },
  { sku: "conditioner", category: "hair", quantity: 1, unitPrice: 800, weightGrams: 300 },
  { sku: "dry-food", category: "pets", quantity: 2, unitPrice: 2_000, weightGrams: 2_500 },
  { sku: "gift-card", category: "gift-cards", quantity: 1, unitPrice: 5_000 },
  { sku: "jacket", category: "apparel", quantity: 1, unitPrice: 45_000, weightGrams: 900 },
];

/**
 * A fixed set of baskets shared by many orders: realistic line mixes without a million line
 * arrays competing with the engine for memory.
 */
const makeBaskets = (next: () => number): (readonly OrderLine[])[] =>
  Array.from({ length: 64 }, () => {
    const size = 1 + Math.floor(next() * 3);
    const lines: OrderLine[] = [];
    for (let i = 0; i < size; i++) {
      const line = catalog[Math.floor(next() * catalog.length)] as OrderLine;
      if (!lines.some((l) => l.sku === line.sku)) lines.push(line);
    }
    return lines;
  });

const sum = (lines: readonly OrderLine[]): number =>
  lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);

/**
 * `count` orders over two years from a seed, customer by customer (each customer's orders in time
 * order), the way the simulator reads order history. About `perCustomer` orders per customer.
 */
export const generateOrders = (count: number, perCustomer: number, seed: number): OrderEvent[] => {
  const next = createPrng(seed);
  const baskets = makeBaskets(next);
  const span = 730 * DAY;
  const orders: OrderEvent[] = new Array<OrderEvent>(count);
  let i = 0;
  for (let c = 0; i < count; c++) {
    const customerId = `c${c}`;
    const n = Math.min(count - i, 1 + Math.floor(next() * (2 * perCustomer - 1)));
    const gap = span / n;
    let at = START;
    for (let j = 0; j < n; j++, i++) {
      at += Math.floor(next() * gap * 2);
      const lines = baskets[Math.floor(next() * baskets.length)] as readonly OrderLine[];
      const roll = next();
      orders[i] = {
        kind: "order",
        id: `o${i}`,
        customerId,
        at,
        amount: sum(lines),
        lines,
        channel: roll < 0.6 ? "online" : "store",
        segments: roll < 0.3 ? ["vip"] : undefined,
        redeemPoints: roll < 0.1 ? 200 : undefined,
        promoCode: roll < 0.2 ? "WEEKEND10" : undefined,
        behaviours: roll > 0.85 ? ["own-cup"] : undefined,
        rewardId: roll > 0.95 ? "5-off" : undefined,
      };
    }
  }
  return orders;
};
