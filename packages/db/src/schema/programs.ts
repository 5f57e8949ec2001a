import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { ledgerKind, ledgerUnit, programStatus, salesChannel } from "./enums";
import { customers } from "./customers";
import { segments } from "./segments";
import { users } from "./users";

export type ProgramMessage = {
  trigger: "welcome" | "reward_earned" | "reminder";
  channel: string;
  text: string;
};

export const programs = pgTable(
  "programs",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    type: text("type").notNull(),
    status: programStatus("status").notNull().default("draft"),
    // Bumped on every save; a save that names an older revision is refused (optimistic locking).
    revision: integer("revision").notNull().default(1),
    currentVersion: integer("current_version").notNull().default(1),
    segmentId: integer("segment_id").references(() => segments.id, { onDelete: "restrict" }),
    storeIds: integer("store_ids")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    channels: salesChannel("channels")
      .array()
      .notNull()
      .default(sql`'{online,offline}'::sales_channel[]`),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    budgetCap: bigint("budget_cap", { mode: "number" }),
    // Share of the target held out as control, in basis points (1000 = 10%).
    controlShareBp: integer("control_share_bp").notNull().default(1000),
    messages: jsonb("messages").$type<ProgramMessage[]>().notNull().default([]),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("programs_status_idx").on(t.status),
    check("programs_control_share_range", sql`${t.controlShareBp} between 0 and 5000`),
    check(
      "programs_period_valid",
      sql`${t.endsAt} is null or ${t.startsAt} is null or ${t.endsAt} > ${t.startsAt}`,
    ),
  ],
);

export const programVersions = pgTable(
  "program_versions",
  {
    id: serial("id").primaryKey(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("program_versions_program_version_uq").on(t.programId, t.version)],
);

export const enrollments = pgTable(
  "enrollments",
  {
    id: serial("id").primaryKey(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    isControl: boolean("is_control").notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull(),
    tier: text("tier"),
    // The program's engine state for this member (lots, counters), as the engine defines it.
    state: jsonb("state").$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("enrollments_program_customer_uq").on(t.programId, t.customerId),
    index("enrollments_customer_idx").on(t.customerId),
  ],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. Corrections reference what they correct. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // -> programs.id on delete restrict: checked per statement by triggers, migration 0020.
    programId: integer("program_id").notNull(),
    // -> customers.id on delete restrict: checked per statement by triggers, migration 0020.
    customerId: integer("customer_id").notNull(),
    kind: ledgerKind("kind").notNull(),
    unit: ledgerUnit("unit").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    // -> orders.id on delete restrict: checked per statement by triggers, migration 0020.
    orderId: integer("order_id"),
    correctsEntryId: bigint("corrects_entry_id", { mode: "number" }),
    lotId: text("lot_id"),
    effectiveAt: timestamp("effective_at", { withTimezone: true }).notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    idempotencyKey: text("idempotency_key"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ledger_customer_program_idx").on(t.customerId, t.programId, t.effectiveAt),
    index("ledger_program_time_idx").on(t.programId, t.effectiveAt),
    // Store KPIs read a period's points across programs.
    index("ledger_effective_idx").on(t.effectiveAt),
    uniqueIndex("ledger_idempotency_uq").on(t.idempotencyKey),
    check(
      "ledger_amount_sign",
      sql`(${t.kind} = 'earn' and ${t.amount} > 0) or (${t.kind} in ('redeem','expire') and ${t.amount} < 0) or (${t.kind} = 'adjust' and ${t.amount} <> 0)`,
    ),
  ],
);

export type Program = typeof programs.$inferSelect;
export type NewProgram = typeof programs.$inferInsert;
export type ProgramVersion = typeof programVersions.$inferSelect;
export type Enrollment = typeof enrollments.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type NewLedgerEntry = typeof ledgerEntries.$inferInsert;
