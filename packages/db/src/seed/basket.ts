import { allSkus, categories, type Sku } from "./catalog";
import type { Behaviour } from "./customer-profile";
import type { Rng } from "./prng";

export type BasketLine = { sku: Sku; quantity: number };
export type Basket = { lines: BasketLine[]; subtotal: number; discount: number };

const skusByCategory = new Map(categories.map((c) => [c.name, c.skus]));
const categoryWeights = categories.map((c) => [c.name, c.weight] as const);

function pickSku(rng: Rng, behaviour: Behaviour, month: number): Sku {
  // December baskets lean to panettone and wine, as a grocery chain's really do.
  if (month === 11 && rng.chance(0.25))
    return rng.pick(allSkus.filter((s) => s.category === "wine" || s.sku === "BAK-004"));
  const category = rng.chance(0.7) ? rng.pick(behaviour.favourites) : rng.weighted(categoryWeights);
  return rng.pick(skusByCategory.get(category) ?? allSkus);
}

/**
 * A basket aiming at a Gamma-distributed spend around the customer's own mean (Gamma-Gamma-like):
 * 1–5 lines, quantities filling the budget. About one order in eight carries a discount.
 */
export function basket(rng: Rng, behaviour: Behaviour, month: number): Basket {
  const target = rng.gamma(5, behaviour.meanSpend / 5);
  const lineCount = Math.min(5, Math.max(1, Math.round(target / 1500 + rng.normal() * 0.7)));
  const lines: BasketLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const sku = pickSku(rng, behaviour, month);
    const existing = lines.find((l) => l.sku.sku === sku.sku);
    const quantity = Math.min(4, Math.max(1, Math.round(target / lineCount / sku.price)));
    if (existing) existing.quantity = Math.min(6, existing.quantity + quantity);
    else lines.push({ sku, quantity });
  }
  const subtotal = lines.reduce((sum, l) => sum + l.sku.price * l.quantity, 0);
  let discount = 0;
  if (rng.chance(0.12)) {
    const kind = rng.weighted([
      ["10%", 5],
      ["15%", 2],
      ["5eur", 3],
    ] as const);
    discount =
      kind === "10%"
        ? Math.floor(subtotal * 0.1)
        : kind === "15%"
          ? Math.floor(subtotal * 0.15)
          : Math.min(500, subtotal);
  }
  return { lines, subtotal, discount };
}
