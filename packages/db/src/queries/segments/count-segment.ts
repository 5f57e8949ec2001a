import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import {
  compileSegmentWhere,
  featuresOnly,
  segmentFrom,
  segmentMemberIds,
  type SegmentScope,
} from "./compile-segment";

/** Members and the base they are a share of (everyone in scope). */
export async function countSegment(
  db: Database,
  rules: SegmentNode,
  scope: SegmentScope,
): Promise<{ members: number; base: number }> {
  const store = scope.storeId == null ? sql`true` : sql`home_store_id = ${scope.storeId}::int`;
  // Over the whole base, a tree customer_features alone can answer is counted there (an index-only
  // scan where an index covers it) instead of joining a million customers to it.
  const members =
    scope.storeId == null && featuresOnly(rules)
      ? sql`select count(*) from customer_features cf where ${compileSegmentWhere(rules, { now: scope.now })}`
      : sql`select count(*) ${segmentFrom(rules, scope)}`;
  const [row] = await queryRows<{ members: number; base: number }>(
    db,
    sql`select (${members})::int as members,
               (select count(*) from customers where ${store})::int as base`,
  );
  return row ?? { members: 0, base: 0 };
}

/** Every member id, ascending (for parity checks, diffs and snapshots). */
export async function segmentMembers(
  db: Database,
  rules: SegmentNode,
  scope: SegmentScope,
): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`${segmentMemberIds(rules, scope)} order by c.id`,
  );
  return rows.map((r) => r.id);
}

/** The SQL text the database runs for a segment, and its parameters, for developers and analysts. */
export function segmentSqlText(
  rules: SegmentNode,
  scope: SegmentScope,
): { sql: string; params: unknown[] } {
  const query: SQL = sql`select count(*) ${segmentFrom(rules, scope)}`;
  const built = new PgDialect().sqlToQuery(query);
  return { sql: built.sql, params: built.params };
}
