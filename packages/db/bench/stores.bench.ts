/**
 * Store KPIs at the size of the database in BENCH_DATABASE_URL (`pnpm db:seed --customers N`): the
 * stores page's statement for one store and one calendar month, for every store at once, and one
 * store's twelve-month trend. Median of 7 after a warm-up.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../src/client";
import { queryRows } from "../src/queries/rows";
import { liveStoreKpis, storeKpis } from "../src/queries/stores/store-kpis";
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
    // The last full calendar month in the business time zone, as the stores page's month picks it.
    const [size] = await queryRows<{
      customers: number;
      orders: number;
      tz: string;
      month: string;
      from: string;
      to: string;
      yearFrom: string;
      store: number;
      storeOrders: number;
    }>(
      db,
      sql`with tz as (select coalesce((select timezone from business_settings where id = 1), 'UTC') as tz),
          m as (select (date_trunc('month', max(placed_at) at time zone tz.tz) - interval '1 month')::date as month, tz.tz
                from orders, tz group by tz.tz),
          b as (select month, tz, month::timestamp at time zone tz as start,
                       (month + interval '1 month')::timestamp at time zone tz as stop,
                       (month - interval '11 months')::timestamp at time zone tz as year_start from m),
          busiest as (select store_id from orders group by store_id order by count(*) desc limit 1)
          select (select count(*)::int from customers) as customers,
                 (select count(*)::int from orders) as orders,
                 b.tz, b.month::text as month, to_json(b.start)#>>'{}' as "from", to_json(b.stop)#>>'{}' as "to",
                 to_json(b.year_start)#>>'{}' as "yearFrom",
                 (select store_id from busiest)::int as store,
                 (select count(*)::int from orders where placed_at >= b.start and placed_at < b.stop
                    and store_id = (select store_id from busiest)) as "storeOrders"
          from b`,
    );
    if (!size) throw new Error("empty benchmark database");
    const from = new Date(size.from);
    const to = new Date(size.to);
    const now = new Date(to.getTime() + 30 * 86_400_000);
    const scope = { from, to, churnWindowDays: 90, now };
    console.info(
      `stores: ${size.customers.toLocaleString("en")} customers, ${size.orders.toLocaleString("en")} orders; busiest store, month ${size.month.slice(0, 7)} (${size.tz}): ${size.storeOrders.toLocaleString("en")} orders`,
    );
    const one = await measure(() => storeKpis(db, { ...scope, storeId: size.store }, size.tz));
    console.info(
      `  KPIs, one store, one month:     ${ms(one.median)} (min ${ms(one.min)}, max ${ms(one.max)})`,
    );
    const all = await measure(() => storeKpis(db, { ...scope, storeId: null }, size.tz));
    console.info(
      `  KPIs, every store, one month:   ${ms(all.median)} (min ${ms(all.min)}, max ${ms(all.max)})`,
    );
    // The same month computed from the raw tables, and a period that is not a calendar month (the
    // page's default "last 30 days"), which the month cache cannot answer.
    const live = await measure(() => liveStoreKpis(db, { ...scope, storeId: size.store }, size.tz));
    console.info(`  KPIs, one store, one month, live (no cache): ${ms(live.median)}`);
    const rolling = { ...scope, from: new Date(to.getTime() - 30 * 86_400_000) };
    const days30 = await measure(() => storeKpis(db, { ...rolling, storeId: size.store }, size.tz));
    console.info(`  KPIs, one store, last 30 days (live): ${ms(days30.median)}`);
    // The twelve calendar months ending with the month, as the stores page's sparklines ask.
    const yearFrom = new Date(size.yearFrom);
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
