import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { isControlSql } from "./control-group-sql";
import { intArray } from "./int-array";
import { instant, queryRows } from "../rows";
import { segmentMemberIds } from "../segments/compile-segment";

export type EnrollmentTarget = {
  programId: number;
  controlShareBp: number;
  /** Home stores of the target; empty: every store. */
  storeIds: readonly number[];
  enrolledAt: Date;
  /** Only these customers (new customers from ingest); null: the whole target. */
  customerIds: readonly number[] | null;
  /** A saved segment's rules: only its members as of `enrolledAt`; null: all customers. */
  segmentRules: SegmentNode | null;
};

/**
 * Enrolls the target's customers in one insert-select, holding out the control group by the same
 * hash as the domain's `isControl`. Customers already enrolled keep their row and side.
 */
export async function enrollMembers(
  db: Database,
  target: EnrollmentTarget,
): Promise<{ members: number; control: number }> {
  const stores =
    target.storeIds.length === 0
      ? sql`true`
      : sql`c.home_store_id = any(${intArray(target.storeIds)})`;
  const only =
    target.customerIds === null ? sql`true` : sql`c.id = any(${intArray(target.customerIds)})`;
  const segment =
    target.segmentRules === null
      ? sql`true`
      : sql`c.id in (${segmentMemberIds(target.segmentRules, { now: target.enrolledAt })})`;
  const [row] = await queryRows<{ members: number; control: number }>(
    db,
    sql`
      with inserted as (
        insert into enrollments (program_id, customer_id, is_control, enrolled_at)
        select ${target.programId}::int, c.id, ${isControlSql(sql`c.id`, target.programId, target.controlShareBp)}, ${instant(target.enrolledAt)}
        from customers c
        where ${stores} and ${only} and ${segment}
        on conflict (program_id, customer_id) do nothing
        returning is_control
      )
      select count(*) filter (where not is_control)::int as members, count(*) filter (where is_control)::int as control
      from inserted`,
  );
  return row ?? { members: 0, control: 0 };
}

/** The running programs (active) a set of new customers should join, with what enrollment needs. */
export async function programsOpenForEnrollment(db: Database): Promise<
  {
    id: number;
    controlShareBp: number;
    storeIds: number[];
    segmentRules: Record<string, unknown> | null;
  }[]
> {
  return queryRows(
    db,
    sql`select p.id, p.control_share_bp as "controlShareBp", p.store_ids as "storeIds", s.rules as "segmentRules"
        from programs p left join segments s on s.id = p.segment_id
        where p.status = 'active' order by p.id`,
  );
}
