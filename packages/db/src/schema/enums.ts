import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "marketer", "analyst", "store_manager"]);
export const gender = pgEnum("gender", ["female", "male", "other", "unknown"]);
export const contactChannel = pgEnum("contact_channel", ["email", "sms", "messenger", "push"]);
export const salesChannel = pgEnum("sales_channel", ["online", "offline"]);
export const customerEventType = pgEnum("customer_event_type", [
  "visit",
  "product_viewed",
  "cart_abandoned",
  "message_sent",
  "message_opened",
  "message_clicked",
  "review",
  "referral",
]);
export const programStatus = pgEnum("program_status", [
  "draft",
  "active",
  "paused",
  "ended",
  "archived",
]);
export const ledgerKind = pgEnum("ledger_kind", ["earn", "redeem", "expire", "adjust"]);
export const ledgerUnit = pgEnum("ledger_unit", ["points", "money"]);
export const importKind = pgEnum("import_kind", ["customers", "orders", "events"]);
export const importStatus = pgEnum("import_status", ["pending", "running", "succeeded", "failed"]);
