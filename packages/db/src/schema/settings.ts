import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One row (id = 1): the business the app serves. */
export const businessSettings = pgTable(
  "business_settings",
  {
    id: integer("id").primaryKey().default(1),
    businessName: text("business_name").notNull(),
    currency: text("currency").notNull().default("EUR"),
    locale: text("locale").notNull().default("en-GB"),
    timezone: text("timezone").notNull().default("Europe/Rome"),
    churnWindowDays: integer("churn_window_days"),
    demoData: boolean("demo_data").notNull().default(false),
    // The instant demo data was generated "as of", so relative dates in the demo stay believable.
    demoAsOf: timestamp("demo_as_of", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("business_settings_single_row", sql`${t.id} = 1`)],
);

export type BusinessSettings = typeof businessSettings.$inferSelect;
