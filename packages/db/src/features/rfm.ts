import { sql } from "drizzle-orm";
import { rfmGroupGrid } from "@boomerang/domain/segments";
import type { Database } from "../client";
import { instant } from "../queries/rows";

/** The domain's R × FM → group table as SQL rows, so both sides map scores identically. */
const grid = sql.join(
  rfmGroupGrid.map((g) => sql`(${g.recency}::int, ${g.frequencyMonetary}::int, ${g.group}::text)`),
  sql`, `,
);

/**
 * Scores every buyer 1–5 on recency (last order), frequency (orders) and monetary value (revenue)
 * as quintiles over all buyers: 1 + ⌊5·(buyers strictly worse)/(buyers)⌋, ties sharing a score, as
 * scoreRfm() in the domain does; then names the group. Customers without orders lose their scores.
 * Reads customer_features, so run it after the activity columns are up to date.
 */
export async function scoreCustomerRfm(db: Database, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      with ranked as (
        select customer_id, count(*) over () as n,
               rank() over (order by last_order_at) as r_rank,
               rank() over (order by orders_count) as f_rank,
               rank() over (order by revenue) as m_rank
        from customer_features where orders_count > 0
      ),
      scored as (
        select customer_id, (1 + 5 * (r_rank - 1) / n)::int as r, (1 + 5 * (f_rank - 1) / n)::int as f,
               (1 + 5 * (m_rank - 1) / n)::int as m
        from ranked
      )
      update customer_features cf
      set recency_score = s.r, frequency_score = s.f, monetary_score = s.m, rfm_group = g.grp, scored_at = ${instant(now)}
      from scored s join (values ${grid}) as g(r, fm, grp) on g.r = s.r and g.fm = (s.f + s.m + 1) / 2
      where cf.customer_id = s.customer_id
    `);
    await tx.execute(sql`
      update customer_features
      set recency_score = null, frequency_score = null, monetary_score = null, rfm_group = null, scored_at = ${instant(now)}
      where orders_count = 0 and (rfm_group is not null or scored_at is null)
    `);
  });
}
