import { atShopHour, DAY_MS } from "./calendar";
import { allSkus, onlineStore } from "./catalog";
import type { Behaviour, Span } from "./customer-profile";
import type { Rng } from "./prng";
import type { CustomerEventRow, CustomerRow, OrderItemRow, OrderRow } from "./rows";

type NewEvent = Omit<CustomerEventRow, "id">;

const consented = (c: CustomerRow): boolean =>
  c.preferredChannel === "email"
    ? c.consentEmail
    : c.preferredChannel === "sms"
      ? c.consentSms
      : c.preferredChannel === "messenger"
        ? c.consentMessenger
        : c.consentPush;

// Opens are not tracked for SMS; messengers are read far more than email.
const openShare = { email: 1, messenger: 1.8, push: 0.6, sms: 0 } as const;

function browsing(
  rng: Rng,
  orders: readonly OrderRow[],
  items: readonly OrderItemRow[],
): NewEvent[] {
  const events: NewEvent[] = [];
  for (const order of orders) {
    const before = order.placedAt - rng.int(5, 90) * 60_000;
    if (order.channel === "online" && rng.chance(0.6)) {
      events.push({
        customerId: order.customerId,
        type: "visit",
        occurredAt: before,
        storeId: onlineStore.id,
        channel: null,
        payload: { source: rng.chance(0.6) ? "app" : "web" },
      });
    }
    if (rng.chance(0.25)) {
      // Often a product that was looked at and not bought: what "viewed but not bought" segments find.
      const bought = items.filter((i) => i.orderId === order.id);
      const sku =
        rng.chance(0.5) && bought.length > 0 ? rng.pick(bought).sku : rng.pick(allSkus).sku;
      events.push({
        customerId: order.customerId,
        type: "product_viewed",
        occurredAt: before - rng.int(1, 3) * DAY_MS,
        storeId: onlineStore.id,
        channel: null,
        payload: { sku },
      });
    }
  }
  return events;
}

function abandonedCarts(
  rng: Rng,
  customer: CustomerRow,
  orders: readonly OrderRow[],
  span: Span,
): NewEvent[] {
  const first = orders[0];
  const last = orders[orders.length - 1];
  if (!first || !last || !rng.chance(0.22)) return [];
  const end = Math.min(span.asOf - DAY_MS, last.placedAt + 60 * DAY_MS);
  const count = 1 + rng.poisson(0.4);
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const sku = rng.pick(allSkus);
    const quantity = rng.int(1, 3);
    const at = atShopHour(
      first.placedAt + rng.next() * Math.max(DAY_MS, end - first.placedAt),
      rng,
    );
    events.push({
      customerId: customer.id,
      type: "cart_abandoned",
      occurredAt: Math.min(at, span.asOf - 60_000),
      storeId: onlineStore.id,
      channel: null,
      payload: { value: sku.price * quantity, items: [{ sku: sku.sku, quantity }] },
    });
  }
  return events;
}

function messages(rng: Rng, customer: CustomerRow, behaviour: Behaviour, span: Span): NewEvent[] {
  if (!consented(customer)) return [];
  const channel = customer.preferredChannel;
  const from = Math.max(customer.signedUpAt, span.start);
  const months = (span.asOf - from) / (30 * DAY_MS);
  // Campaigns reach a rotating part of the base: about one message every two months per person.
  const count = rng.poisson(Math.max(0, months) * 0.45);
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = atShopHour(from + rng.next() * (span.asOf - from - DAY_MS), rng);
    const d = new Date(sentAt);
    const campaign = `CMP-${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${rng.int(1, 3)}`;
    const base = {
      customerId: customer.id,
      storeId: null,
      channel,
      payload: { campaign },
    } as const;
    events.push({ ...base, type: "message_sent", occurredAt: sentAt });
    const opened = rng.chance(Math.min(0.95, behaviour.openRate * openShare[channel]));
    if (opened)
      events.push({
        ...base,
        type: "message_opened",
        occurredAt: sentAt + rng.int(2, 600) * 60_000,
      });
    if ((opened && rng.chance(0.18)) || (channel === "sms" && rng.chance(0.04))) {
      events.push({
        ...base,
        type: "message_clicked",
        occurredAt: sentAt + rng.int(601, 900) * 60_000,
      });
    }
  }
  return events;
}

function feedback(
  rng: Rng,
  customer: CustomerRow,
  orders: readonly OrderRow[],
  items: readonly OrderItemRow[],
): NewEvent[] {
  const events: NewEvent[] = [];
  const order = orders.length > 0 ? rng.pick(orders) : undefined;
  if (order && rng.chance(0.04)) {
    const line = items.find((i) => i.orderId === order.id);
    const rating = rng.weighted([
      [5, 45],
      [4, 30],
      [3, 12],
      [2, 6],
      [1, 7],
    ] as const);
    events.push({
      customerId: customer.id,
      type: "review",
      occurredAt: order.placedAt + rng.int(1, 10) * DAY_MS,
      storeId: order.storeId,
      channel: null,
      payload: { rating, sku: line?.sku ?? null },
    });
  }
  if (orders.length > 1 && rng.chance(0.05)) {
    const at = rng.pick(orders).placedAt + rng.int(1, 20) * DAY_MS;
    events.push({
      customerId: customer.id,
      type: "referral",
      occurredAt: at,
      storeId: null,
      channel: null,
      payload: { code: `REF-${customer.externalId}` },
    });
  }
  return events;
}

/** Visits, views, abandoned carts, campaign messages and a little feedback, in time order. */
export function customerEvents(
  rng: Rng,
  customer: CustomerRow,
  behaviour: Behaviour,
  orders: readonly OrderRow[],
  items: readonly OrderItemRow[],
  span: Span,
): NewEvent[] {
  const events = [
    ...browsing(rng, orders, items),
    ...abandonedCarts(rng, customer, orders, span),
    ...messages(rng, customer, behaviour, span),
    ...feedback(rng, customer, orders, items),
  ];
  // Nothing may be dated after asOf or before the customer existed.
  return events
    .filter((e) => e.occurredAt < span.asOf && e.occurredAt >= customer.signedUpAt)
    .sort((a, b) => a.occurredAt - b.occurredAt);
}
