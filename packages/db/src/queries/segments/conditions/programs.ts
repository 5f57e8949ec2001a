import { sql, type SQL } from "drizzle-orm";
import type { ProgramCondition } from "@boomerang/domain/segments";
import { instant } from "../../rows";
import { rangeSql, textArray, type ConditionCompilers } from "../compile-context";

/**
 * The customers enrolled in the program by `now` (and passing `extra`), as an uncorrelated IN list:
 * PostgreSQL computes it once and probes it as a hashed subplan, rather than one lookup per customer.
 * customer_id is never null, so the test is never unknown.
 */
const enrolled = (programId: number, now: Date, extra: SQL): SQL =>
  sql`c.id in (select e.customer_id from enrollments e where e.program_id = ${programId}::int
    and e.enrolled_at <= ${instant(now)} and ${extra})`;

/**
 * Program conditions read enrollments and the append-only ledger. The points balance is the sum of
 * the points entries effective and available at `now` (expiries and redemptions are negative
 * entries), as the domain's pointsBalanceAt sums them: aggregated once per enrolled customer of the
 * program (a member without entries has 0).
 */
export const programCompilers: ConditionCompilers<ProgramCondition> = {
  programEnrollment: (c, { now }) =>
    enrolled(
      c.programId,
      now,
      c.group === "any" ? sql`true` : sql`e.is_control = ${c.group === "control"}`,
    ),
  programTier: (c, { now }) => enrolled(c.programId, now, sql`e.tier = any(${textArray(c.tiers)})`),
  pointsBalance: (c, { now }) => {
    const at = instant(now);
    return sql`c.id in (select e.customer_id from enrollments e
      left join ledger_entries l on l.customer_id = e.customer_id and l.program_id = e.program_id
        and l.unit = 'points' and l.effective_at <= ${at} and (l.available_at is null or l.available_at <= ${at})
      where e.program_id = ${c.programId}::int and e.enrolled_at <= ${at}
      group by e.customer_id having ${rangeSql(sql`coalesce(sum(l.amount), 0)`, c.range)})`;
  },
};
