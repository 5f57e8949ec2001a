import { sql, type SQL } from "drizzle-orm";
import {
  isGroup,
  isNot,
  type SegmentCondition,
  type SegmentNode,
} from "@boomerang/domain/segments";
import {
  isNeverNull,
  rangeHoldsZero,
  type CompileContext,
  type ConditionCompilers,
} from "./compile-context";
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

type Compiled = { sql: SQL; neverNull: boolean };

/**
 * An OR's RFM-group children as one condition over the union of their groups ("At risk or Can't
 * lose them"): the same test, but one `rfm_group = any(…)` that an index-only scan of
 * customer_features(rfm_group, customer_id) can answer, where an OR of two cannot.
 */
function mergeRfmGroups(children: SegmentNode[]): SegmentNode[] {
  const groups = children.flatMap((child) =>
    !isGroup(child) && !isNot(child) && child.kind === "rfmGroup" ? child.groups : [],
  );
  const count = children.filter(
    (child) => !isGroup(child) && !isNot(child) && child.kind === "rfmGroup",
  ).length;
  if (count < 2) return children;
  const merged = { kind: "rfmGroup", groups: [...new Set(groups)] } as SegmentNode;
  return [
    merged,
    ...children.filter((child) => isGroup(child) || isNot(child) || child.kind !== "rfmGroup"),
  ];
}

/**
 * `positive`: the expression only filters rows (a WHERE clause, not under NOT), where unknown and
 * false both drop the row — so no coalesce is needed, and plain predicates stay visible to indexes,
 * to left-join reduction and to semi-join pull-up. Elsewhere SQL's unknown (null) would turn NOT
 * into unknown too, so a condition that cannot be decided is made false unless it never is unknown.
 */
function compileNode(node: SegmentNode, ctx: CompileContext, positive: boolean): Compiled {
  if (isGroup(node)) {
    if (node.children.length === 0)
      return { sql: node.kind === "and" ? sql`true` : sql`false`, neverNull: true };
    const children = node.kind === "or" ? mergeRfmGroups(node.children) : node.children;
    const parts = children.map((child) => compileNode(child, ctx, positive));
    return {
      sql: sql.join(
        parts.map((p) => sql`(${p.sql})`),
        node.kind === "and" ? sql` and ` : sql` or `,
      ),
      neverNull: parts.every((p) => p.neverNull),
    };
  }
  if (isNot(node)) {
    const child = compileNode(node.child, ctx, false);
    return { sql: sql`not (${child.sql})`, neverNull: true };
  }
  const compile = compilers[node.kind] as (c: SegmentCondition, ctx: CompileContext) => SQL;
  const compiled = compile(node, ctx);
  if (positive || isNeverNull(compiled)) return { sql: compiled, neverNull: isNeverNull(compiled) };
  return { sql: sql`coalesce((${compiled}), false)`, neverNull: true };
}

/** The rule tree as one boolean SQL value (never null) over `c` (customers) and `cf` (customer_features). */
export function compileSegment(node: SegmentNode, ctx: CompileContext): SQL {
  return compileNode(node, ctx, false).sql;
}

/** The rule tree as a WHERE condition (null drops a row like false does) over `c` and `cf`. */
export function compileSegmentWhere(node: SegmentNode, ctx: CompileContext): SQL {
  return compileNode(node, ctx, true).sql;
}

export type SegmentScope = { now: Date; storeId?: number | null };

/**
 * Whether a condition reads customer_features alone and fails for a customer without a features
 * row (its compiled SQL is then unknown or false). Kinds not listed here (attributes, windows over
 * orders, events, programs) read customers, orders or other tables.
 */
function featuresOnlyCondition(c: SegmentCondition): boolean {
  switch (c.kind) {
    case "rfmGroup":
    case "rfmScore":
    case "probabilityActive":
    case "expectedRevenue12m":
    case "daysSinceLastOrder":
    case "firstOrderIn":
      return true;
    case "ordersCount":
    case "totalSpent":
      return c.window.kind === "allTime" && !rangeHoldsZero(c.range);
    case "averageOrderValue":
      return c.window.kind === "allTime";
    default:
      return false;
  }
}

/**
 * Whether the tree can be answered from customer_features alone: it reads no other table and
 * nobody without a features row can match (every AND has such a child, every OR only such
 * children; NOT never qualifies). Then counting needs no join to customers — a features row always
 * has its customer (foreign key) — and PostgreSQL can count an index alone.
 */
export function featuresOnly(node: SegmentNode): boolean {
  if (isGroup(node)) {
    if (node.children.length === 0) return false;
    if (node.kind === "or") return node.children.every(featuresOnly);
    return node.children.every(readsFeaturesOnly) && node.children.some(featuresOnly);
  }
  if (isNot(node)) return false;
  return featuresOnlyCondition(node);
}

/** Whether the tree reads customer_features and nothing else (whatever it says without a row). */
function readsFeaturesOnly(node: SegmentNode): boolean {
  if (isGroup(node)) return node.children.every(readsFeaturesOnly);
  if (isNot(node)) return readsFeaturesOnly(node.child);
  switch (node.kind) {
    case "ordersCount":
    case "totalSpent":
      return node.window.kind === "allTime";
    default:
      return featuresOnlyCondition(node);
  }
}

/** customers ⟕ customer_features restricted to the segment (and to a store manager's store). */
export function segmentFrom(rules: SegmentNode, scope: SegmentScope): SQL {
  const store = scope.storeId == null ? sql`true` : sql`c.home_store_id = ${scope.storeId}::int`;
  return sql`from customers c left join customer_features cf on cf.customer_id = c.id
    where ${store} and (${compileSegmentWhere(rules, { now: scope.now })})`;
}

/** The ids of the segment's members, as a subquery for counts, overlaps, snapshots and exports. */
export const segmentMemberIds = (rules: SegmentNode, scope: SegmentScope): SQL =>
  sql`select c.id ${segmentFrom(rules, scope)}`;
