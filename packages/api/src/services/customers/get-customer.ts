import {
  customerMemberships,
  customerMonthlyPurchases,
  customerOrders,
  customerProfile,
  customerRecentEvents,
  loadCustomerSummary,
  segments,
  type Database,
} from "@boomerang/db";
import { evaluateSegment } from "@boomerang/domain/segments";
import { asc } from "drizzle-orm";
import { notFound } from "../../errors";
import { getBusinessProfile } from "../settings";
import { storedRules } from "../segments/saved-segments";

const ORDER_LIMIT = 50;
const EVENT_LIMIT = 30;

/** Saved segments the customer is in as of `now`, evaluated in memory over their own summary. */
async function currentSegments(
  db: Database,
  customerId: number,
  storeScope: number | null,
  now: Date,
) {
  const summary = await loadCustomerSummary(db, customerId, storeScope);
  if (summary === null) return [];
  const saved = await db
    .select({ id: segments.id, name: segments.name, rules: segments.rules })
    .from(segments)
    .orderBy(asc(segments.name));
  return saved
    .filter((s) => evaluateSegment(storedRules(s.rules), summary, now))
    .map((s) => ({ id: s.id, name: s.name }));
}

/**
 * Everything the customer page shows. A customer outside a store manager's store is "not found",
 * exactly like one that does not exist, so ids of other stores' customers reveal nothing.
 */
export async function getCustomer(
  db: Database,
  input: { id: number; storeScope: number | null; now: Date },
) {
  const profile = await customerProfile(db, input.id, input.storeScope);
  if (profile === null) throw notFound("The customer");
  const business = await getBusinessProfile(db);
  const orders = await customerOrders(db, input.id, ORDER_LIMIT);
  const months = await customerMonthlyPurchases(db, input.id, business.timezone);
  const memberships = await customerMemberships(db, input.id, input.now);
  const events = await customerRecentEvents(db, input.id, input.now, EVENT_LIMIT);
  const inSegments = await currentSegments(db, input.id, input.storeScope, input.now);
  return {
    profile,
    averageOrderValue: profile.orders === 0 ? null : profile.revenue / profile.orders,
    orders,
    ordersShown: orders.length,
    months,
    memberships,
    events,
    segments: inSegments,
  };
}
