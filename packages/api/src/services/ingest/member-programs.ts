import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";

export type MemberProgram = {
  enrollmentId: number;
  programId: number;
  /** The program version whose config this is (versions are immutable). */
  version: number;
  name: string;
  type: string;
  config: Record<string, unknown>;
  state: Record<string, unknown> | null;
  tier: string | null;
  /**
   * When the program was activated (epoch ms): a program without a start date runs "from
   * activation", so orders placed before it earn nothing (see `compiledProgram`).
   */
  activatedAt: number | null;
};

/** A membership's columns as `MemberProgram` names them, from enrollments e, programs p and program_versions v. */
export const memberProgramColumns = sql`e.id::int as "enrollmentId", p.id::int as "programId",
  p.current_version::int as version, p.name, p.type, v.config, e.state, e.tier,
  (extract(epoch from p.activated_at) * 1000)::float8 as "activatedAt"`;

/**
 * The active programs a customer takes part in (control-group members are held out, so they get
 * nothing), with each program's current version. `lock` takes the enrollment rows FOR UPDATE so
 * concurrent orders and redemptions of one customer apply one after the other, never from the same
 * stale balance.
 */
export async function memberPrograms(
  tx: Database,
  customerId: number,
  options: { programId?: number; lock: boolean },
): Promise<MemberProgram[]> {
  const onlyProgram =
    options.programId === undefined ? sql`true` : sql`p.id = ${options.programId}`;
  const lock = options.lock ? sql`for update of e` : sql``;
  if (options.lock) await lockBudgets(tx, [customerId]);
  return queryRows<MemberProgram>(
    tx,
    sql`select ${memberProgramColumns}
        from enrollments e
        join programs p on p.id = e.program_id
        join program_versions v on v.program_id = p.id and v.version = p.current_version
        where e.customer_id = ${customerId} and p.status = 'active' and not e.is_control and ${onlyProgram}
        order by e.id
        ${lock}`,
  );
}

/** Segment ids the customer belongs to in each segment's latest snapshot, as the engine names them. */
export async function customerSegmentIds(tx: Database, customerId: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select s.segment_id::text as id
        from segment_snapshot_members m
        join segment_snapshots s on s.id = m.snapshot_id
        where m.customer_id = ${customerId}
          and s.id = (select max(l.id) from segment_snapshots l where l.segment_id = s.segment_id)`,
  );
  return rows.map((r) => r.id);
}

/** Ids as a PostgreSQL int array literal, for `= any(...::int[])` with one parameter. */
export const intArray = (ids: readonly number[]) => `{${ids.join(",")}}`;

/** The advisory lock of a capped program's budget: the key pair (BUDGET_LOCK, program id). */
const BUDGET_LOCK = 7431030;

/**
 * Locks the budgets of the running capped programs (budget cap above 0) these customers take part
 * in, in program id order, to the end of the transaction: API writers of one capped program grant
 * one after the other, each reading the budget used (`programBudgetUsed`, a later statement) after
 * the previous one committed, so together they never pass the cap. Writers take them before their
 * first row lock where they can (orders, refunds), so none wait on each other in a cycle. Imports
 * do not take them: an import holds its customers' rows for its whole run, and waiting for a budget
 * there could close a cycle with an API request (it reads the budget once, unlocked).
 */
export async function lockBudgets(tx: Database, customerIds: readonly number[]): Promise<void> {
  if (customerIds.length === 0) return;
  const members = sql`exists (select 1 from enrollments e where e.program_id = p.id and not e.is_control
                      and e.customer_id = any(${intArray(customerIds)}::int[]))`;
  await tx.execute(
    sql`select pg_advisory_xact_lock(${BUDGET_LOCK}, c.id) from (
          select p.id from programs p
          join program_versions v on v.program_id = p.id and v.version = p.current_version
          where p.status = 'active' and coalesce((v.config->>'budgetCap')::numeric, 0) > 0 and ${members}
          order by p.id) c`,
  );
}

/** Reward cost the program has granted across all members, for its budget cap. */
export async function programBudgetUsed(tx: Database, programId: number): Promise<number> {
  const [row] = await queryRows<{ used: number }>(
    tx,
    sql`select coalesce(sum((state->>'rewardCost')::bigint), 0)::float8 as used from enrollments where program_id = ${programId}`,
  );
  return row?.used ?? 0;
}
