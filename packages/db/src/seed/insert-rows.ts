import type { customerEvents, customers, orderItems, orders } from "../schema";
import type { CustomerEventRow, CustomerRow, OrderItemRow, OrderRow } from "./rows";

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
