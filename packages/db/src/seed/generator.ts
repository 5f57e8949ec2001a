import { basket } from "./basket";
import { monthsBefore } from "./calendar";
import { demoStores, onlineStore, physicalStores } from "./catalog";
import { customerProfile, type Span } from "./customer-profile";
import { customerEvents } from "./events";
import { Rng } from "./prng";
import { purchaseTimes } from "./purchases";
import type { CustomerBundle, OrderItemRow, OrderRow, StoreRow } from "./rows";

export type GenerateOptions = {
  seed: number;
  customers: number;
  /** The "now" of the demo; the generator never reads the clock. */
  asOf: Date;
  months: number;
};

export const BUSINESS_TIMEZONE = "Europe/Rome";

export function spanOf(options: GenerateOptions): Span {
  const asOf = options.asOf.getTime();
  return { start: monthsBefore(asOf, options.months), asOf };
}

export function storeRows(options: GenerateOptions): StoreRow[] {
  const start = spanOf(options).start;
  return demoStores.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    city: s.city,
    region: s.region,
    timezone: BUSINESS_TIMEZONE,
    openedAt: monthsBefore(start, s.openedYearsBefore * 12 + s.id),
  }));
}

/**
 * The customers one at a time with their orders, items and events. Each customer has its own PRNG
 * stream (seed, index), so the data does not depend on batch sizes and memory stays flat at any
 * scale; only the id counters run across customers.
 */
export function* generateCustomers(options: GenerateOptions): Generator<CustomerBundle> {
  const span = spanOf(options);
  let orderId = 0;
  let itemId = 0;
  let eventId = 0;
  for (let index = 0; index < options.customers; index++) {
    const rng = new Rng(options.seed, index + 1);
    const { customer, behaviour } = customerProfile(rng, index, options.customers, span);
    const orders: OrderRow[] = [];
    const items: OrderItemRow[] = [];
    for (const placedAt of purchaseTimes(rng, behaviour, customer.signedUpAt, span)) {
      const online = rng.chance(behaviour.onlineShare);
      const store = online
        ? onlineStore
        : rng.chance(0.88)
          ? { id: customer.homeStoreId }
          : rng.pick(physicalStores);
      const b = basket(rng, behaviour, new Date(placedAt).getUTCMonth());
      orderId++;
      orders.push({
        id: orderId,
        externalId: `O${String(orderId).padStart(9, "0")}`,
        customerId: customer.id,
        storeId: store.id,
        placedAt,
        subtotal: b.subtotal,
        discount: b.discount,
        total: b.subtotal - b.discount,
        currency: "EUR",
        channel: online ? "online" : "offline",
      });
      for (const line of b.lines) {
        itemId++;
        items.push({
          id: itemId,
          orderId,
          sku: line.sku.sku,
          name: line.sku.name,
          category: line.sku.category,
          quantity: line.quantity,
          unitPrice: line.sku.price,
        });
      }
    }
    const events = customerEvents(rng, customer, behaviour, orders, items, span).map((e) => ({
      ...e,
      id: ++eventId,
    }));
    yield { customer, orders, items, events };
  }
}
