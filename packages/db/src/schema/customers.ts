import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { contactChannel, gender } from "./enums";
import { stores } from "./stores";

export const customers = pgTable(
  "customers",
  {
    id: serial("id").primaryKey(),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    birthDate: date("birth_date", { mode: "string" }),
    gender: gender("gender").notNull().default("unknown"),
    city: text("city"),
    region: text("region"),
    preferredChannel: contactChannel("preferred_channel"),
    consentEmail: boolean("consent_email").notNull().default(false),
    consentSms: boolean("consent_sms").notNull().default(false),
    consentMessenger: boolean("consent_messenger").notNull().default(false),
    consentPush: boolean("consent_push").notNull().default(false),
    signedUpAt: timestamp("signed_up_at", { withTimezone: true }).notNull(),
    homeStoreId: integer("home_store_id").references(() => stores.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customers_external_id_uq").on(t.externalId),
    index("customers_home_store_idx").on(t.homeStoreId),
    index("customers_signed_up_idx").on(t.signedUpAt),
    // Segments by age (compiled to a birth-date range), alone or within a city.
    index("customers_birth_date_idx").on(t.birthDate),
    index("customers_city_birth_idx").on(t.city, t.birthDate),
    // The customers list's search matches a phone exactly. Name and email "contains" use pg_trgm
    // GIN indexes created in migration 0007 where the extension exists (not in PGlite).
    index("customers_phone_idx").on(t.phone),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
