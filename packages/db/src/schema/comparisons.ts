import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { stores } from "./stores";
import { users } from "./users";

/**
 * A saved comparison of candidate programs, simulated on the business's own history. The row is
 * also the background job: status and progress are written while it runs, the result when done.
 * It is shared by its id (/compare/<id>); reading it needs the same role as running it.
 */
export const comparisons = pgTable(
  "comparisons",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    /** Candidates, response model, objective, seed and resamples, as the simulator's input. */
    input: jsonb("input").$type<Record<string, unknown>>().notNull(),
    periodFrom: timestamp("period_from", { withTimezone: true }).notNull(),
    periodTo: timestamp("period_to", { withTimezone: true }).notNull(),
    /** Target: one store's customers, or everyone when null. */
    storeId: integer("store_id").references(() => stores.id, { onDelete: "set null" }),
    status: text("status").notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("comparisons_created_idx").on(t.createdAt),
    check("comparisons_status_valid", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check("comparisons_progress_range", sql`${t.progress} between 0 and 100`),
    check("comparisons_period_valid", sql`${t.periodTo} > ${t.periodFrom}`),
  ],
);

export type Comparison = typeof comparisons.$inferSelect;
export type ComparisonStatus = "queued" | "running" | "done" | "failed";
