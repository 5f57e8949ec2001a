import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateCustomers, type GenerateOptions } from "./generator";
import type { CustomerBundle } from "./rows";

const asOf = new Date("2026-05-01T00:00:00Z");
const options: GenerateOptions = { seed: 42, customers: 2000, asOf, months: 24 };

function streamHash(o: GenerateOptions): string {
  const hash = createHash("sha256");
  for (const bundle of generateCustomers(o)) hash.update(JSON.stringify(bundle));
  return hash.digest("hex");
}

const ageAt = (birthDate: string, at: Date): number => {
  const b = new Date(`${birthDate}T00:00:00Z`);
  let age = at.getUTCFullYear() - b.getUTCFullYear();
  if (
    at.getUTCMonth() < b.getUTCMonth() ||
    (at.getUTCMonth() === b.getUTCMonth() && at.getUTCDate() < b.getUTCDate())
  )
    age--;
  return age;
};

describe("generateCustomers: determinism", () => {
  it("gives identical rows for the same seed and asOf", () => {
    expect(streamHash({ ...options, customers: 300 })).toBe(
      streamHash({ ...options, customers: 300 }),
    );
  });

  it("gives different rows for a different seed or asOf", () => {
    const base = streamHash({ ...options, customers: 300 });
    expect(streamHash({ ...options, customers: 300, seed: 43 })).not.toBe(base);
    expect(
      streamHash({ ...options, customers: 300, asOf: new Date("2026-06-01T00:00:00Z") }),
    ).not.toBe(base);
  });
});

describe("generateCustomers: believable data (2,000 customers)", () => {
  const bundles: CustomerBundle[] = [...generateCustomers(options)];
  const orders = bundles.flatMap((b) => b.orders);
  const start = Date.UTC(2024, 4, 1);

  it("has mostly one-time buyers, a frequent core, and a few orders per customer", () => {
    const onceShare = (data: readonly CustomerBundle[]): number => {
      const buyers = data.filter((b) => b.orders.length > 0);
      return buyers.filter((b) => b.orders.length === 1).length / buyers.length;
    };
    // Without the demo programs' effect, most buyers buy once; the points program that works
    // brings some of its members back, so with it a little under half do.
    const withoutPrograms = [...generateCustomers({ ...options, programEffects: false })];
    expect(onceShare(withoutPrograms)).toBeGreaterThan(0.5);
    expect(onceShare(withoutPrograms)).toBeLessThan(0.68);
    const once = onceShare(bundles);
    expect(once).toBeGreaterThan(0.44);
    expect(once).toBeLessThan(onceShare(withoutPrograms));
    const monthlyOrMore = bundles.filter((b) => b.orders.length >= 24).length / bundles.length;
    expect(monthlyOrMore).toBeGreaterThan(0.05);
    expect(orders.length / bundles.length).toBeGreaterThan(4);
    expect(orders.length / bundles.length).toBeLessThan(12);
  });

  it("peaks in December and keeps the average order within €35–60", () => {
    const byMonth = new Map<number, number>();
    for (const o of orders) {
      const m = new Date(o.placedAt).getUTCMonth();
      byMonth.set(m, (byMonth.get(m) ?? 0) + o.total);
    }
    const mean = [...byMonth.values()].reduce((a, b) => a + b, 0) / 12;
    expect(byMonth.get(11)!).toBeGreaterThan(1.3 * mean);
    const aov = orders.reduce((a, o) => a + o.total, 0) / orders.length / 100;
    expect(aov).toBeGreaterThan(35);
    expect(aov).toBeLessThan(60);
  });

  it("sells more on Saturdays than on Sundays", () => {
    const saturday = orders.filter((o) => new Date(o.placedAt).getUTCDay() === 6).length;
    const sunday = orders.filter((o) => new Date(o.placedAt).getUTCDay() === 0).length;
    expect(saturday).toBeGreaterThan(1.5 * sunday);
  });

  it("keeps every order consistent: total = subtotal − discount = items − discount, inside the span", () => {
    const itemsByOrder = new Map<number, number>();
    for (const i of bundles.flatMap((b) => b.items))
      itemsByOrder.set(i.orderId, (itemsByOrder.get(i.orderId) ?? 0) + i.quantity * i.unitPrice);
    for (const o of orders) {
      expect(o.total).toBe(o.subtotal - o.discount);
      expect(o.discount).toBeGreaterThanOrEqual(0);
      expect(itemsByOrder.get(o.id)).toBe(o.subtotal);
      expect(o.placedAt).toBeGreaterThanOrEqual(start);
      expect(o.placedAt).toBeLessThan(asOf.getTime());
    }
    const online = orders.filter((o) => o.channel === "online");
    expect(online.every((o) => o.storeId === 7)).toBe(true);
    expect(online.length / orders.length).toBeGreaterThan(0.18);
    expect(online.length / orders.length).toBeLessThan(0.32);
  });

  it("has ages 18–75 and channel preferences following the age table for most customers", () => {
    let following = 0;
    for (const { customer } of bundles) {
      const age = ageAt(customer.birthDate, asOf);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(75);
      const expected = age < 30 ? "messenger" : age < 45 ? "email" : "sms";
      if (customer.preferredChannel === expected) following++;
    }
    expect(following / bundles.length).toBeGreaterThan(0.8);
  });

  it("abandons carts for about a fifth of buyers and opens emails at 20–40% of sends", () => {
    const buyers = bundles.filter((b) => b.orders.length > 0);
    const carts =
      buyers.filter((b) => b.events.some((e) => e.type === "cart_abandoned")).length /
      buyers.length;
    expect(carts).toBeGreaterThan(0.15);
    expect(carts).toBeLessThan(0.3);
    const email = bundles.flatMap((b) => b.events).filter((e) => e.channel === "email");
    const rate =
      email.filter((e) => e.type === "message_opened").length /
      email.filter((e) => e.type === "message_sent").length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
    for (const b of bundles)
      for (const e of b.events) expect(e.occurredAt).toBeLessThan(asOf.getTime());
  });
});
