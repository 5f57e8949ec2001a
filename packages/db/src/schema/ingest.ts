import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { orders } from "./orders";

/**
 * A request that carried an Idempotency-Key: its payload's hash and the response it got, so a retry
 * gets the same answer without doing the work twice, and a different payload under the same key is
 * refused. Keys are per operation (posting an order and redeeming may reuse the same string).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    operation: text("operation").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    response: jsonb("response").$type<Record<string, unknown>>().notNull(),
    apiKeyId: integer("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.operation, t.key] })],
);

/** Money given back on an order; the order row stays as it was sold. */
export const orderRefunds = pgTable(
  "order_refunds",
  {
    id: serial("id").primaryKey(),
    externalId: text("external_id").notNull(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    amount: bigint("amount", { mode: "number" }).notNull(),
    refundedAt: timestamp("refunded_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_refunds_external_id_uq").on(t.externalId),
    index("order_refunds_order_idx").on(t.orderId),
    // 0 returns an order whose discount covered all of it (its total is 0).
    check("order_refunds_amount_not_negative", sql`${t.amount} >= 0`),
  ],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
export type OrderRefund = typeof orderRefunds.$inferSelect;
