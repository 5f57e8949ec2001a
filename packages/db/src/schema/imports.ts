import { integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { importKind, importStatus } from "./enums";
import { users } from "./users";

export type ImportRowError = { line: number; column: string; message: string };

export const importJobs = pgTable("import_jobs", {
  id: serial("id").primaryKey(),
  kind: importKind("kind").notNull(),
  status: importStatus("status").notNull().default("pending"),
  fileName: text("file_name").notNull(),
  rowsTotal: integer("rows_total").notNull().default(0),
  rowsProcessed: integer("rows_processed").notNull().default(0),
  rowsInserted: integer("rows_inserted").notNull().default(0),
  rowsUpdated: integer("rows_updated").notNull().default(0),
  rowsFailed: integer("rows_failed").notNull().default(0),
  /** Order lines filed as "uncategorised": no category in the file, none known for the SKU. */
  itemsUncategorised: integer("items_uncategorised").notNull().default(0),
  errors: jsonb("errors").$type<ImportRowError[]>().notNull().default([]),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

export type ImportJob = typeof importJobs.$inferSelect;
