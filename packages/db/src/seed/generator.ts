import { basket } from "./basket";
import { monthsBefore } from "./calendar";
import { demoStores, onlineStore, physicalStores } from "./catalog";
import { customerProfile, type Behaviour, type Span } from "./customer-profile";
import { demoPrograms } from "./demo-programs";
import { customerEvents } from "./events";
import { Rng } from "./prng";
import { extraPurchaseTimes, membershipsOf, replayMember } from "./program-members";
import { purchaseTimes } from "./purchases";
import type {
  CustomerBundle,
  CustomerRow,
  EnrollmentRow,
  LedgerRow,
  OrderItemRow,
  OrderRow,
  StoreRow,
} from "./rows";

export type GenerateOptions = {
  seed: number;
  customers: number;
  /** The "now" of the demo; the generator never reads the clock. */
  asOf: Date;
  months: number;
  /**
   * Off: the same customers, enrollments and ledger but no extra purchases from programs that work,
   * i.e. what members would have done without the program (tests compare against it).
   */
  programEffects?: boolean;
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

type Counters = { order: number; item: number; event: number; enrollment: number; ledger: number };

/** One order (and its lines) at `placedAt`, drawn from `rng`. */
function makeOrder(
  rng: Rng,
  behaviour: Behaviour,
  customer: CustomerRow,
  placedAt: number,
  ids: Counters,
  orders: OrderRow[],
  items: OrderItemRow[],
): void {
  const online = rng.chance(behaviour.onlineShare);
  const store = online
    ? onlineStore
    : rng.chance(0.88)
      ? { id: customer.homeStoreId }
      : rng.pick(physicalStores);
  const b = basket(rng, behaviour, new Date(placedAt).getUTCMonth());
  const orderId = ++ids.order;
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
    items.push({
      id: ++ids.item,
      orderId,
      sku: line.sku.sku,
      name: line.sku.name,
      category: line.sku.category,
      quantity: line.quantity,
      unitPrice: line.sku.price,
    });
  }
}

// A second PRNG stream per customer for what the programs change (extra purchases, redemptions),
// far from the customers' own streams, so everything else a customer does stays as it was.
const PROGRAM_STREAM = 0x40000000;

/**
 * The customers one at a time with their orders, items, events, program enrollments and ledger.
 * Each customer has its own PRNG streams (seed, index), so the data does not depend on batch sizes
 * and memory stays flat at any scale; only the id counters run across customers. Programs change
 * only their members' (not the control group's) data: extra purchases where a program works, and
 * the engine's ledger for their orders.
 */
export function* generateCustomers(options: GenerateOptions): Generator<CustomerBundle> {
  const span = spanOf(options);
  const programs = demoPrograms(span.asOf);
  const ids: Counters = { order: 0, item: 0, event: 0, enrollment: 0, ledger: 0 };
  for (let index = 0; index < options.customers; index++) {
    const rng = new Rng(options.seed, index + 1);
    const programRng = new Rng(options.seed, PROGRAM_STREAM + index);
    const { customer, behaviour } = customerProfile(rng, index, options.customers, span);
    const memberships = membershipsOf(programs, customer, span.asOf);
    const base = purchaseTimes(rng, behaviour, customer.signedUpAt, span);
    const extra =
      options.programEffects === false ? [] : extraPurchaseTimes(programRng, base, memberships);
    const orders: OrderRow[] = [];
    const items: OrderItemRow[] = [];
    // Merge in time order; base orders draw from the customer's stream, extra ones from the other.
    let e = 0;
    for (const placedAt of base) {
      while (e < extra.length && extra[e]! < placedAt)
        makeOrder(programRng, behaviour, customer, extra[e++]!, ids, orders, items);
      makeOrder(rng, behaviour, customer, placedAt, ids, orders, items);
    }
    while (e < extra.length)
      makeOrder(programRng, behaviour, customer, extra[e++]!, ids, orders, items);
    const events = customerEvents(rng, customer, behaviour, orders, items, span).map((ev) => ({
      ...ev,
      id: ++ids.event,
    }));
    const enrollments: EnrollmentRow[] = [];
    const ledger: LedgerRow[] = [];
    for (const m of memberships) {
      const replayed = replayMember(m, customer.id, orders, items, programRng);
      enrollments.push({
        id: ++ids.enrollment,
        programId: m.program.id,
        customerId: customer.id,
        isControl: m.isControl,
        enrolledAt: m.enrolledAt,
        tier: null,
        state: replayed.state,
      });
      for (const entry of replayed.ledger) ledger.push({ ...entry, id: ++ids.ledger });
    }
    yield { customer, orders, items, events, enrollments, ledger };
  }
}
