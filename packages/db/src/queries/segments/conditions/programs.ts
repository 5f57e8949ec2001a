import { sql, type SQL } from "drizzle-orm";
import type { ProgramCondition } from "@boomerang/domain/segments";
import { instant } from "../../rows";
import { rangeSql, textArray, type ConditionCompilers } from "../compile-context";

/** The customer's enrollment in the program made by `now` (enrollments_program_customer_uq serves it). */
const enrolled = (programId: number, now: Date, extra: SQL): SQL =>
  sql`exists (select 1 from enrollments e where e.program_id = ${programId}::int and e.customer_id = c.id
    and e.enrolled_at <= ${instant(now)} and ${extra})`;

/**
 * Program conditions read enrollments and the append-only ledger. The points balance is the sum of
 * the points entries effective and available at `now` (expiries and redemptions are negative
 * entries), as the domain's pointsBalanceAt sums them; ledger_customer_program_idx serves it.
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
    const balance = sql`(select coalesce(sum(l.amount), 0) from ledger_entries l
      where l.customer_id = c.id and l.program_id = ${c.programId}::int and l.unit = 'points'
        and l.effective_at <= ${at} and (l.available_at is null or l.available_at <= ${at}))`;
    return enrolled(c.programId, now, rangeSql(balance, c.range));
  },
};
