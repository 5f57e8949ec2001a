import { sql, type SQL } from "drizzle-orm";
import {
  isGroup,
  isNot,
  type SegmentCondition,
  type SegmentNode,
} from "@boomerang/domain/segments";
import type { CompileContext, ConditionCompilers } from "./compile-context";
import { activityCompilers } from "./conditions/activity";
import { attributeCompilers } from "./conditions/attributes";
import { behaviourCompilers } from "./conditions/behaviour";
import { programCompilers } from "./conditions/programs";
import { predictionCompilers, rfmCompilers } from "./conditions/scores";

/** One compiler per condition kind; the type refuses to compile until a new kind has one. */
const compilers: ConditionCompilers<SegmentCondition> = {
  ...attributeCompilers,
  ...behaviourCompilers,
  ...activityCompilers,
  ...rfmCompilers,
  ...predictionCompilers,
  ...programCompilers,
};

function compileCondition(condition: SegmentCondition, ctx: CompileContext): SQL {
  const compile = compilers[condition.kind] as (c: SegmentCondition, ctx: CompileContext) => SQL;
  // SQL's unknown (null) would turn NOT into unknown too; a condition that cannot be decided is false.
  return sql`coalesce((${compile(condition, ctx)}), false)`;
}

/** The rule tree as one boolean SQL expression over `c` (customers) and `cf` (customer_features). */
export function compileSegment(node: SegmentNode, ctx: CompileContext): SQL {
  if (isGroup(node)) {
    if (node.children.length === 0) return node.kind === "and" ? sql`true` : sql`false`;
    const parts = node.children.map((child) => sql`(${compileSegment(child, ctx)})`);
    return sql.join(parts, node.kind === "and" ? sql` and ` : sql` or `);
  }
  if (isNot(node)) return sql`not (${compileSegment(node.child, ctx)})`;
  return compileCondition(node, ctx);
}

export type SegmentScope = { now: Date; storeId?: number | null };

/** customers ⟕ customer_features restricted to the segment (and to a store manager's store). */
export function segmentFrom(rules: SegmentNode, scope: SegmentScope): SQL {
  const store = scope.storeId == null ? sql`true` : sql`c.home_store_id = ${scope.storeId}::int`;
  return sql`from customers c left join customer_features cf on cf.customer_id = c.id
    where ${store} and (${compileSegment(rules, { now: scope.now })})`;
}

/** The ids of the segment's members, as a subquery for counts, overlaps, snapshots and exports. */
export const segmentMemberIds = (rules: SegmentNode, scope: SegmentScope): SQL =>
  sql`select c.id ${segmentFrom(rules, scope)}`;
