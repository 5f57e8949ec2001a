import type { Database } from "../../client";
import {
  customerEvents,
  customers,
  enrollments,
  ledgerEntries,
  orderItems,
  orders,
} from "../../schema";
import type { GeneratedCustomer } from "./parity-arbitraries";

/**
 * One generated customer written as ingest would: the customer, their orders with items, events,
 * enrollments and points ledger. `key` makes external ids unique ("P3" → orders "P3-0", …);
 * storeIds and programIds turn the generator's indexes into ids. Returns the customer's id and home
 * store. Shared by the parity and size-trend suites.
 */
export async function insertGeneratedCustomer(
  db: Database,
  g: GeneratedCustomer,
  key: string,
  storeIds: number[],
  programIds: number[],
): Promise<{ id: number; homeStoreId: number | null }> {
  const homeStoreId = g.storeIndex === null ? null : storeIds[g.storeIndex]!;
  const [row] = await db
    .insert(customers)
    .values({
      externalId: key,
      name: key,
      birthDate: g.birthDate,
      gender: g.gender,
      city: g.city,
      region: g.region,
      homeStoreId,
      preferredChannel: g.preferredChannel,
      consentEmail: g.consent.email,
      consentSms: g.consent.sms,
      consentMessenger: g.consent.messenger,
      consentPush: g.consent.push,
      signedUpAt: g.signedUpAt,
    })
    .returning({ id: customers.id });
  const id = row!.id;
  for (const [k, o] of g.orders.entries()) {
    const [order] = await db
      .insert(orders)
      .values({
        externalId: `${key}-${k}`,
        customerId: id,
        placedAt: o.placedAt,
        subtotal: o.total,
        total: o.total,
        currency: "EUR",
        channel: "offline",
      })
      .returning({ id: orders.id });
    await db.insert(orderItems).values(
      o.items.map((it) => ({
        orderId: order!.id,
        sku: it.sku,
        name: it.sku,
        category: it.category,
        quantity: 1,
        unitPrice: o.total,
      })),
    );
  }
  if (g.events.length > 0)
    await db
      .insert(customerEvents)
      .values(g.events.map((e) => ({ customerId: id, type: e.type, occurredAt: e.occurredAt })));
  for (const [p, e] of g.enrollments.entries()) {
    if (e === null) continue;
    const programId = programIds[p]!;
    await db.insert(enrollments).values({
      programId,
      customerId: id,
      isControl: e.isControl,
      enrolledAt: e.enrolledAt,
      tier: e.tier,
    });
    if (e.points.length > 0)
      await db.insert(ledgerEntries).values(
        e.points.map((pt) => ({
          programId,
          customerId: id,
          kind: pt.amount > 0 ? ("earn" as const) : ("redeem" as const),
          unit: "points" as const,
          amount: pt.amount,
          effectiveAt: pt.effectiveAt,
          availableAt: pt.availableAt,
        })),
      );
  }
  return { id, homeStoreId };
}
