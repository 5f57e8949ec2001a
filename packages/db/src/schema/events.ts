import {
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { contactChannel, customerEventType } from "./enums";
import { customers } from "./customers";
import { stores } from "./stores";

export const customerEvents = pgTable(
  "customer_events",
  {
    id: serial("id").primaryKey(),
    // Set when the event came from outside (import, API) so a retry does not duplicate it.
    externalId: text("external_id"),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    type: customerEventType("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    storeId: integer("store_id").references(() => stores.id, { onDelete: "set null" }),
    channel: contactChannel("channel"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex("customer_events_external_id_uq").on(t.externalId),
    index("customer_events_customer_time_idx").on(t.customerId, t.occurredAt),
    index("customer_events_type_time_idx").on(t.type, t.occurredAt),
  ],
);

export type CustomerEvent = typeof customerEvents.$inferSelect;
export type NewCustomerEvent = typeof customerEvents.$inferInsert;
