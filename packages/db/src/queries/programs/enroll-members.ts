import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { controlHashSql, isControlSql } from "./control-group-sql";
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
 * Enrolls the target's customers in one insert-select. Customers already enrolled keep their row
 * and side.
 *
 * The control group: enrolling the whole target (activation, `customerIds` null) stratifies it by
 * home store, as the domain's `stratifiedControl` does: within each home store (no home store is
 * a stratum too) the customers not yet enrolled are ordered by the control hash, then id, and the
 * first round(share × n_store) are held out (halves up, in integers), so each store's control share
 * is as close to the target as whole customers allow and small stores are represented. Customers
 * enrolled one by one later (new customers from ingest) get the plain per-customer hash
 * (`isControl`): a single newcomer has no stratum to balance.
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
  const where = sql`${stores} and ${only} and ${segment}`;
  const bp = sql.raw(String(Math.trunc(target.controlShareBp)));
  const inserted =
    target.customerIds === null
      ? sql`
      with target as (
        select c.id, c.home_store_id, ${controlHashSql(sql`c.id`, target.programId)} as h
        from customers c
        where ${where} and not exists (
          select 1 from enrollments e where e.program_id = ${target.programId}::int and e.customer_id = c.id
        )
      ), ranked as (
        select id,
          row_number() over (partition by home_store_id order by h, id) as rn,
          count(*) over (partition by home_store_id) as n
        from target
      ), inserted as (
        insert into enrollments (program_id, customer_id, is_control, enrolled_at)
        select ${target.programId}::int, id, rn <= (n * ${bp}::bigint + 5000) / 10000, ${instant(target.enrolledAt)}
        from ranked
        on conflict (program_id, customer_id) do nothing
        returning is_control
      )`
      : sql`
      with inserted as (
        insert into enrollments (program_id, customer_id, is_control, enrolled_at)
        select ${target.programId}::int, c.id, ${isControlSql(sql`c.id`, target.programId, target.controlShareBp)}, ${instant(target.enrolledAt)}
        from customers c
        where ${where}
        on conflict (program_id, customer_id) do nothing
        returning is_control
      )`;
  const [row] = await queryRows<{ members: number; control: number }>(
    db,
    sql`${inserted}
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
