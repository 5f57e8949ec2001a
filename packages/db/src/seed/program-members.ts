import {
  isControl,
  replay,
  signupWith,
  type OrderEvent,
  type SignupEvent,
} from "@boomerang/domain/programs";
import { atShopHour, DAY_MS } from "./calendar";
import { windowEnd, type DemoProgram } from "./demo-programs";
import type { Rng } from "./prng";
import type { CustomerRow, LedgerRow, OrderItemRow, OrderRow } from "./rows";

/** A customer's enrollment in one program that ran, as the app would have made it. */
export type Membership = {
  program: DemoProgram;
  enrolledAt: number;
  isControl: boolean;
  /** Orders from `enrolledAt` up to here are the program's. */
  until: number;
};

/**
 * The programs that ran (active or ended) and enrolled this customer, like activation and ingest
 * do: everyone in the target who had signed up when the program was activated joins then, later
 * customers when they sign up, while it runs. The control group is the app's hash, nothing else.
 */
export function membershipsOf(
  programs: readonly DemoProgram[],
  customer: CustomerRow,
  asOf: number,
): Membership[] {
  const out: Membership[] = [];
  for (const program of programs) {
    if (program.activatedAt === null) continue;
    const until = windowEnd(program, asOf);
    if (customer.signedUpAt >= until) continue;
    if (program.storeIds.length > 0 && !program.storeIds.includes(customer.homeStoreId)) continue;
    out.push({
      program,
      enrolledAt: Math.max(customer.signedUpAt, program.activatedAt),
      isControl: isControl(program.id, customer.id, program.controlShareBp),
      until,
    });
  }
  return out;
}

/**
 * The programs' effect on behaviour (see `ProgramEffect`): for each member of a program that works,
 * with the `comeback` chance one extra purchase 1–42 days after enrolling, and after each of their
 * purchases inside the window, with the `repeat` chance, one more 2–28 days later; only what falls
 * inside the window is kept. Control-group customers and non-members get nothing.
 */
export function extraPurchaseTimes(
  rng: Rng,
  baseTimes: readonly number[],
  memberships: readonly Membership[],
): number[] {
  const extra: number[] = [];
  for (const m of memberships) {
    const { comeback, repeat } = m.program.effect;
    if (m.isControl || (comeback <= 0 && repeat <= 0)) continue;
    const keep = (at: number, after: number): void => {
      if (at > after && at > m.enrolledAt && at < m.until) extra.push(at);
    };
    if (comeback > 0 && rng.chance(comeback))
      keep(atShopHour(m.enrolledAt + rng.int(1, 42) * DAY_MS, rng), m.enrolledAt);
    if (repeat <= 0) continue;
    for (const t of baseTimes) {
      if (t < m.enrolledAt || t >= m.until) continue;
      if (rng.chance(repeat)) keep(atShopHour(t + rng.int(2, 28) * DAY_MS, rng), t);
    }
  }
  return extra.sort((a, b) => a - b);
}

const orderEvent = (
  order: OrderRow,
  lines: readonly OrderItemRow[],
  redeemPoints: number | undefined,
): OrderEvent => ({
  kind: "order",
  id: String(order.id),
  customerId: String(order.customerId),
  at: order.placedAt,
  amount: order.subtotal,
  discount: order.discount,
  lines: lines.map((l) => ({
    sku: l.sku,
    category: l.category,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
  })),
  // The engine names in-store sales "store", as postOrder does.
  channel: order.channel === "offline" ? "store" : "online",
  storeId: String(order.storeId),
  ...(redeemPoints === undefined ? {} : { redeemPoints }),
});

/** Asking for more than anyone holds: the engine pays what the balance and its limits allow. */
const AS_MUCH_AS_ALLOWED = 1_000_000_000;

/**
 * Replays a member's orders inside the window through the real engine, as the ingest API would have
 * applied them one by one: the ledger entries it writes (keyed like the API's) and the state it
 * keeps. On `redeemShare` of the orders the member asks to pay with whatever they have.
 */
export function replayMember(
  m: Membership,
  customerId: number,
  orders: readonly OrderRow[],
  items: readonly OrderItemRow[],
  rng: Rng,
): { state: Record<string, unknown> | null; ledger: Omit<LedgerRow, "id">[] } {
  const engine = m.program.engine;
  if (engine === null || m.isControl) return { state: null, ledger: [] };
  const events: (OrderEvent | SignupEvent)[] = [];
  let joinedAt: number | null = null;
  let line = 0;
  for (const order of orders) {
    while (line < items.length && items[line]!.orderId < order.id) line++;
    const start = line;
    while (line < items.length && items[line]!.orderId === order.id) line++;
    if (order.placedAt < m.enrolledAt || order.placedAt >= m.until) continue;
    const redeem =
      m.program.redeemShare > 0 && rng.chance(m.program.redeemShare)
        ? AS_MUCH_AS_ALLOWED
        : undefined;
    const event = orderEvent(order, items.slice(start, line), redeem);
    // The member joins with their first order while the program runs, as the ingest API applies it.
    const signup = signupWith(engine, { joinedAt, orderCount: 0 }, event);
    if (signup !== null) {
      events.push(signup);
      joinedAt = signup.at;
    }
    events.push(event);
  }
  if (events.length === 0) return { state: null, ledger: [] };
  // keepEffects: entries as objects; the columnar ledger preallocates for bulk replays of many customers.
  // Time passes to the end of the window, as the server's hourly sweep lets it: lots due by then
  // have expired in the ledger, so a program's outstanding points leave lapsed members out.
  const result = replay(engine, events, { keepEffects: true, until: m.until });
  const perEvent = new Map<string, number>();
  const ledger = result.ledger.map((entry) => {
    const index = perEvent.get(entry.ref) ?? 0;
    perEvent.set(entry.ref, index + 1);
    return {
      programId: m.program.id,
      customerId,
      kind: entry.kind,
      unit: entry.unit,
      amount: entry.amount,
      orderId: entry.orderId !== null && /^\d+$/.test(entry.orderId) ? Number(entry.orderId) : null,
      lotId: entry.lotId,
      effectiveAt: entry.at,
      availableAt: entry.availableAt ?? null,
      expiresAt: entry.expiresAt ?? null,
      // The API's key: program, event, position among the event's entries.
      idempotencyKey: `${m.program.id}:${entry.ref}:${index}`,
      note: entry.reason,
    };
  });
  const state = result.states.get(String(customerId)) ?? null;
  return { state: state as unknown as Record<string, unknown> | null, ledger };
}
