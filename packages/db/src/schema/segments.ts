import {
  date,
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
import { customers } from "./customers";
import { users } from "./users";

export const segments = pgTable(
  "segments",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // The rule tree as defined by @boomerang/domain/segments, validated before it is stored.
    rules: jsonb("rules").$type<Record<string, unknown>>().notNull(),
    version: integer("version").notNull().default(1),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("segments_name_idx").on(t.name)],
);

export type Segment = typeof segments.$inferSelect;
export type NewSegment = typeof segments.$inferInsert;

/** Every saved state of a segment's rules, so edits can be compared and undone. */
export const segmentVersions = pgTable(
  "segment_versions",
  {
    id: serial("id").primaryKey(),
    segmentId: integer("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    rules: jsonb("rules").$type<Record<string, unknown>>().notNull(),
    memberCount: integer("member_count"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("segment_versions_segment_version_uq").on(t.segmentId, t.version)],
);

/** A frozen member list at a date, so an experiment or an export can be reproduced later. */
export const segmentSnapshots = pgTable("segment_snapshots", {
  id: serial("id").primaryKey(),
  segmentId: integer("segment_id")
    .notNull()
    .references(() => segments.id, { onDelete: "cascade" }),
  segmentVersion: integer("segment_version").notNull(),
  asOf: timestamp("as_of", { withTimezone: true }).notNull(),
  memberCount: integer("member_count").notNull(),
  note: text("note").notNull().default(""),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const segmentSnapshotMembers = pgTable(
  "segment_snapshot_members",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => segmentSnapshots.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.customerId] })],
);

/** Weekly member counts, for the size trend on the segments list. */
export const segmentSizeHistory = pgTable(
  "segment_size_history",
  {
    segmentId: integer("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    memberCount: integer("member_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.weekStart] })],
);

export type SegmentVersion = typeof segmentVersions.$inferSelect;
export type SegmentSnapshot = typeof segmentSnapshots.$inferSelect;
