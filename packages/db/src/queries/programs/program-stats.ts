import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { queryRows } from "../rows";

export type ProgramStatsScope = {
  programId: number;
  /** The program's ledger unit ("points" or "money"): figures are in that unit. */
  unit: "points" | "money";
  /** Only this store's home customers; null: the whole business. */
  storeId: number | null;
  /** Months are calendar months in this time zone. */
  timezone: string;
};

export type ProgramStats = {
  members: number;
  control: number;
  issued: number;
  redeemed: number;
  expired: number;
  /** Issued minus redeemed, expired and clawed back: what the business still owes. */
  outstanding: number;
  /** Redeemed ÷ issued; null before anything was issued. */
  redemptionRate: number | null;
  months: { month: string; issued: number; redeemed: number; expired: number }[];
};

/** Program figures from enrollments and the ledger, aggregated in the database. */
export async function programStats(db: Database, scope: ProgramStatsScope): Promise<ProgramStats> {
  const store = scope.storeId;
  const inScope = sql`(${store}::int is null or c.home_store_id = ${store}::int)`;
  const [sizes] = await queryRows<{ members: number; control: number }>(
    db,
    sql`select count(*) filter (where not e.is_control)::int as members, count(*) filter (where e.is_control)::int as control
        from enrollments e join customers c on c.id = e.customer_id
        where e.program_id = ${scope.programId}::int and ${inScope}`,
  );
  const months = await queryRows<{
    month: string;
    issued: number;
    redeemed: number;
    expired: number;
    adjusted: number;
  }>(
    db,
    sql`select to_char(date_trunc('month', le.effective_at at time zone ${scope.timezone}::text), 'YYYY-MM') as month,
          coalesce(sum(le.amount) filter (where le.kind = 'earn'), 0)::float8 as issued,
          coalesce(-sum(le.amount) filter (where le.kind = 'redeem'), 0)::float8 as redeemed,
          coalesce(-sum(le.amount) filter (where le.kind = 'expire'), 0)::float8 as expired,
          coalesce(sum(le.amount) filter (where le.kind = 'adjust'), 0)::float8 as adjusted
        from ledger_entries le join customers c on c.id = le.customer_id
        where le.program_id = ${scope.programId}::int and le.unit = ${scope.unit}::ledger_unit and ${inScope}
        group by 1 order by 1`,
  );
  let issued = 0;
  let redeemed = 0;
  let expired = 0;
  let adjusted = 0;
  for (const m of months) {
    issued += m.issued;
    redeemed += m.redeemed;
    expired += m.expired;
    adjusted += m.adjusted;
  }
  return {
    members: sizes?.members ?? 0,
    control: sizes?.control ?? 0,
    issued,
    redeemed,
    expired,
    outstanding: issued + adjusted - redeemed - expired,
    redemptionRate: issued > 0 ? redeemed / issued : null,
    months: months.map(({ month, issued: i, redeemed: r, expired: x }) => ({
      month,
      issued: i,
      redeemed: r,
      expired: x,
    })),
  };
}
