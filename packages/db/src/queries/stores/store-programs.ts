import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export type StoreProgramResult = {
  programId: number;
  name: string;
  type: string;
  status: string;
  /** The store's home customers enrolled (not as control) by the period's end. */
  members: number;
  /** Points earned and redeemed in the period on the store's orders, or by its home customers when an entry has no order. */
  pointsIssued: number;
  pointsRedeemed: number;
};

/** Results of the programs that run in the store (programs without a store list run everywhere). */
export async function storeProgramResults(
  db: Database,
  scope: { storeId: number; from: Date; to: Date },
): Promise<StoreProgramResult[]> {
  const store = scope.storeId;
  const from = instant(scope.from);
  const to = instant(scope.to);
  return queryRows<StoreProgramResult>(
    db,
    sql`
      select p.id as "programId", p.name, p.type, p.status::text as "status",
             (select count(*)::int from enrollments e join customers c on c.id = e.customer_id
              where e.program_id = p.id and not e.is_control and e.enrolled_at < ${to}
                and c.home_store_id = ${store}::int) as "members",
             coalesce(pts.issued, 0)::float8 as "pointsIssued",
             coalesce(pts.redeemed, 0)::float8 as "pointsRedeemed"
      from programs p
      left join lateral (
        select sum(l.amount) filter (where l.kind = 'earn') as issued,
               -sum(l.amount) filter (where l.kind = 'redeem') as redeemed
        from ledger_entries l
        left join orders o on o.id = l.order_id
        left join customers c on c.id = l.customer_id
        where l.program_id = p.id and l.unit = 'points' and l.kind in ('earn', 'redeem')
          and l.effective_at >= ${from} and l.effective_at < ${to}
          and coalesce(o.store_id, c.home_store_id) = ${store}::int
      ) pts on true
      where p.status <> 'draft' and (cardinality(p.store_ids) = 0 or ${store}::int = any(p.store_ids))
      order by p.status = 'active' desc, p.name
    `,
  );
}
