import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import { compileSegment, type SegmentScope } from "./compile-segment";

export type OverlapRegion = {
  /** For each segment, in the order given: is the region inside it? */
  inside: boolean[];
  customers: number;
};

export type SegmentOverlap = {
  /** Every combination of inside/outside (2^n regions), including "in none of them". */
  regions: OverlapRegion[];
  /** Members of each segment, in the order given. */
  totals: number[];
  /** Everyone in scope. */
  base: number;
};

/**
 * How two or three segments overlap: each compiled rule tree becomes a boolean column and one
 * grouped query counts every combination, so customers never leave the database.
 */
export async function segmentOverlap(
  db: Database,
  rules: SegmentNode[],
  scope: SegmentScope,
): Promise<SegmentOverlap> {
  if (rules.length < 2 || rules.length > 3)
    throw new RangeError("An overlap needs two or three segments.");
  const store = scope.storeId == null ? sql`true` : sql`c.home_store_id = ${scope.storeId}::int`;
  const columns = rules.map(
    (r, i) => sql`(${compileSegment(r, { now: scope.now })}) as ${sql.identifier(`s${i}`)}`,
  );
  const groups = sql.join(
    rules.map((_, i) => sql.identifier(`s${i}`)),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown> & { customers: number }>(
    db,
    sql`select ${groups}, count(*)::int as customers
        from (select ${sql.join(columns, sql`, `)}
              from customers c left join customer_features cf on cf.customer_id = c.id
              where ${store}) flags
        group by ${groups}`,
  );
  const key = (inside: boolean[]) => inside.map((b) => (b ? "1" : "0")).join("");
  const counted = new Map(
    rows.map((r) => [key(rules.map((_, i) => r[`s${i}`] === true)), r.customers]),
  );
  const regions: OverlapRegion[] = [];
  for (let mask = (1 << rules.length) - 1; mask >= 0; mask--) {
    const inside = rules.map((_, i) => (mask & (1 << (rules.length - 1 - i))) !== 0);
    regions.push({ inside, customers: counted.get(key(inside)) ?? 0 });
  }
  const totals = rules.map((_, i) =>
    regions.filter((r) => r.inside[i]).reduce((sum, r) => sum + r.customers, 0),
  );
  const base = regions.reduce((sum, r) => sum + r.customers, 0);
  return { regions, totals, base };
}
