/**
 * Store KPIs at the size of the database in BENCH_DATABASE_URL (`pnpm db:seed --customers N`): the
 * stores page's statement for one store and one calendar month, for every store at once, and one
 * store's twelve-month trend. Median of 7 after a warm-up.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../src/client";
import { queryRows } from "../src/queries/rows";
import { storeKpis } from "../src/queries/stores/store-kpis";
import { storeCohorts, storeMonthlyTrends } from "../src/queries/stores/store-trends";
import { measure, ms } from "./measure";

export default async function storesBench(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.info("stores: set BENCH_DATABASE_URL to a seeded PostgreSQL database; skipped");
    return;
  }
  const { db, close } = await createDb({ url });
  try {
    const [size] = await queryRows<{
      customers: number;
      orders: number;
      tz: string;
      month: string;
      store: number;
      storeOrders: number;
    }>(
      db,
      sql`with m as (select date_trunc('month', max(placed_at)) - interval '1 month' as start from orders)
          select (select count(*)::int from customers) as customers,
                 (select count(*)::int from orders) as orders,
                 (select timezone from business_settings where id = 1) as tz,
                 (select start::text from m) as month,
                 (select store_id from orders group by store_id order by count(*) desc limit 1)::int as store,
                 (select count(*)::int from orders, m where placed_at >= m.start and placed_at < m.start + interval '1 month'
                    and store_id = (select store_id from orders group by store_id order by count(*) desc limit 1)) as "storeOrders"`,
    );
    if (!size) throw new Error("empty benchmark database");
    const from = new Date(size.month);
    const to = new Date(
      Date.UTC(
        from.getUTCFullYear(),
        from.getUTCMonth() + 1,
        from.getUTCDate(),
        from.getUTCHours(),
      ),
    );
    const now = new Date(to.getTime() + 30 * 86_400_000);
    const scope = { from, to, churnWindowDays: 90, now };
    console.info(
      `stores: ${size.customers.toLocaleString("en")} customers, ${size.orders.toLocaleString("en")} orders; busiest store, month from ${from.toISOString().slice(0, 10)}: ${size.storeOrders.toLocaleString("en")} orders`,
    );
    const one = await measure(() => storeKpis(db, { ...scope, storeId: size.store }, size.tz));
    console.info(
      `  KPIs, one store, one month:     ${ms(one.median)} (min ${ms(one.min)}, max ${ms(one.max)})`,
    );
    const all = await measure(() => storeKpis(db, { ...scope, storeId: null }, size.tz));
    console.info(
      `  KPIs, every store, one month:   ${ms(all.median)} (min ${ms(all.min)}, max ${ms(all.max)})`,
    );
    const yearFrom = new Date(Date.UTC(from.getUTCFullYear() - 1, from.getUTCMonth() + 1, 1));
    const trend = await measure(() =>
      storeMonthlyTrends(db, { from: yearFrom, to, storeId: size.store, timezone: size.tz }),
    );
    console.info(`  12-month trend, one store:      ${ms(trend.median)}`);
    const toMonth = size.month.slice(0, 7) + "-01";
    const fromMonth = `${Number(toMonth.slice(0, 4)) - 1}${toMonth.slice(4)}`;
    const cohorts = await measure(() =>
      storeCohorts(db, { storeId: size.store, fromMonth, toMonth, months: 12 }),
    );
    console.info(`  12 cohorts × 12 months, one store: ${ms(cohorts.median)}`);
  } finally {
    await close();
  }
}
