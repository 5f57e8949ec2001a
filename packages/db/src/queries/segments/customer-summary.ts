import { and, asc, eq, inArray } from "drizzle-orm";
import type { CustomerSummary } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import {
  customerEvents,
  customerFeatures,
  customers,
  enrollments,
  ledgerEntries,
  orderItems,
  orders,
} from "../../schema";

/**
 * One customer as the in-memory evaluator sees them, for "why is this customer in the segment".
 * Null when the customer does not exist (or is outside the store the caller may see).
 */
export async function loadCustomerSummary(
  db: Database,
  customerId: number,
  storeId: number | null,
): Promise<CustomerSummary | null> {
  const [c] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!c || (storeId !== null && c.homeStoreId !== storeId)) return null;
  const [f] = await db
    .select()
    .from(customerFeatures)
    .where(eq(customerFeatures.customerId, customerId));
  const orderRows = await db
    .select()
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .orderBy(asc(orders.placedAt));
  const items =
    orderRows.length === 0
      ? []
      : await db
          .select()
          .from(orderItems)
          .where(
            inArray(
              orderItems.orderId,
              orderRows.map((o) => o.id),
            ),
          );
  const events = await db
    .select()
    .from(customerEvents)
    .where(eq(customerEvents.customerId, customerId));
  const enrollmentRows = await db
    .select()
    .from(enrollments)
    .where(eq(enrollments.customerId, customerId))
    .orderBy(asc(enrollments.programId));
  const pointRows =
    enrollmentRows.length === 0
      ? []
      : await db
          .select({
            programId: ledgerEntries.programId,
            amount: ledgerEntries.amount,
            effectiveAt: ledgerEntries.effectiveAt,
            availableAt: ledgerEntries.availableAt,
          })
          .from(ledgerEntries)
          .where(and(eq(ledgerEntries.customerId, customerId), eq(ledgerEntries.unit, "points")));
  const scored =
    f &&
    f.recencyScore !== null &&
    f.frequencyScore !== null &&
    f.monetaryScore !== null &&
    f.rfmGroup !== null;
  return {
    id: c.id,
    birthDate: c.birthDate,
    gender: c.gender,
    city: c.city,
    region: c.region,
    homeStoreId: c.homeStoreId,
    preferredChannel: c.preferredChannel,
    consent: {
      email: c.consentEmail,
      sms: c.consentSms,
      messenger: c.consentMessenger,
      push: c.consentPush,
    },
    signedUpAt: c.signedUpAt,
    orders: orderRows.map((o) => ({
      placedAt: o.placedAt,
      total: o.total,
      items: items
        .filter((i) => i.orderId === o.id)
        .map((i) => ({ sku: i.sku, category: i.category })),
    })),
    events: events.map((e) => ({ type: e.type, occurredAt: e.occurredAt })),
    rfm: scored
      ? {
          recency: f.recencyScore!,
          frequency: f.frequencyScore!,
          monetary: f.monetaryScore!,
          group: f.rfmGroup!,
        }
      : null,
    prediction:
      f && f.probabilityActive !== null && f.expectedRevenue12m !== null
        ? { probabilityActive: f.probabilityActive, expectedRevenue12m: f.expectedRevenue12m }
        : null,
    programs: enrollmentRows.map((e) => ({
      programId: e.programId,
      isControl: e.isControl,
      enrolledAt: e.enrolledAt,
      tier: e.tier,
      points: pointRows
        .filter((p) => p.programId === e.programId)
        .map(({ amount, effectiveAt, availableAt }) => ({ amount, effectiveAt, availableAt })),
    })),
  };
}
