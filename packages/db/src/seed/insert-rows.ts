import type {
  customerEvents,
  customers,
  enrollments,
  ledgerEntries,
  orderItems,
  orders,
} from "../schema";
import type {
  CustomerEventRow,
  CustomerRow,
  EnrollmentRow,
  LedgerRow,
  OrderItemRow,
  OrderRow,
} from "./rows";

/** Generated rows as Drizzle insert values; created_at carries the generated instant. */
export const customerValues = (c: CustomerRow): typeof customers.$inferInsert => ({
  ...c,
  signedUpAt: new Date(c.signedUpAt),
  createdAt: new Date(c.signedUpAt),
  updatedAt: new Date(c.signedUpAt),
});

export const orderValues = (o: OrderRow): typeof orders.$inferInsert => ({
  ...o,
  placedAt: new Date(o.placedAt),
  createdAt: new Date(o.placedAt),
});

export const orderItemValues = (i: OrderItemRow): typeof orderItems.$inferInsert => i;

export const customerEventValues = (e: CustomerEventRow): typeof customerEvents.$inferInsert => ({
  ...e,
  occurredAt: new Date(e.occurredAt),
});

export const enrollmentValues = (e: EnrollmentRow): typeof enrollments.$inferInsert => ({
  ...e,
  enrolledAt: new Date(e.enrolledAt),
});

export const ledgerEntryValues = (l: LedgerRow): typeof ledgerEntries.$inferInsert => ({
  ...l,
  effectiveAt: new Date(l.effectiveAt),
  availableAt: l.availableAt === null ? null : new Date(l.availableAt),
  expiresAt: l.expiresAt === null ? null : new Date(l.expiresAt),
  createdAt: new Date(l.effectiveAt),
});
