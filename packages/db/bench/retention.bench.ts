/**
 * Retention queries at the size of the database in BENCH_DATABASE_URL: the 24-month cohort matrix
 * (everyone, and one store's customers standing in for a segment), and the 24-point churn trend,
 * each from raw orders and from customer_features.
 */
import { sql } from "drizzle-orm";
import { createDb } from "../src/client";
import { queryRows } from "../src/queries/rows";
import { churnTrendFromFeatures, churnTrendFromOrders } from "../src/queries/retention/churn";
import { cohortCountsFromFeatures } from "../src/queries/retention/cohorts";
import { cohortCountsFromOrders } from "../src/queries/retention/cohorts-from-orders";
import type { RetentionAudience } from "../src/queries/retention/scope";
import { measure, ms } from "./measure";

export default async function retentionBench(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.info("retention: set BENCH_DATABASE_URL to a seeded PostgreSQL database; skipped");
    return;
  }
  const { db, close } = await createDb({ url });
  try {
    const [size] = await queryRows<{
      customers: number;
      orders: number;
      tz: string;
      last: string;
      store: number;
    }>(
      db,
      sql`select (select count(*)::int from customer_features where first_order_at is not null) as customers,
                 (select count(*)::int from orders) as orders,
                 (select timezone from business_settings where id = 1) as tz,
                 (select max(placed_at)::text from orders) as last,
                 (select min(id)::int from stores) as store`,
    );
    if (!size || size.orders === 0) {
      console.info(
        "retention: the bench database has no orders; run pnpm db:seed against it first",
      );
      return;
    }
    const end = new Date(size.last);
    const to = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1));
    const range = { from: new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 24, 1)), to };
    const everyone: RetentionAudience = { storeId: null, program: null, timezone: size.tz };
    const oneStore: RetentionAudience = { ...everyone, storeId: size.store };
    const monthEnds = Array.from({ length: 24 }, (_, i) =>
      Math.floor(
        Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth() + i + 1, 0) / 86_400_000,
      ),
    );
    const window = { churnAfterDays: 120, atRiskAfterDays: 60 };
    console.info(
      `retention: ${size.customers} customers with orders, ${size.orders} orders; 24 monthly cohorts from ${range.from.toISOString().slice(0, 10)}`,
    );
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        "cohort matrix, everyone",
        () => cohortCountsFromOrders(db, "month", range, everyone),
        () => cohortCountsFromFeatures(db, "month", range, everyone),
      ],
      [
        "cohort matrix, one store",
        () => cohortCountsFromOrders(db, "month", range, oneStore),
        () => cohortCountsFromFeatures(db, "month", range, oneStore),
      ],
      [
        "churn trend (24 month ends)",
        () => churnTrendFromOrders(db, window, monthEnds, everyone),
        () => churnTrendFromFeatures(db, window, monthEnds, everyone),
      ],
    ];
    for (const [name, fromOrders, fromFeatures] of cases) {
      const raw = await measure(fromOrders, 3, 1);
      const table = await measure(fromFeatures, 5, 1);
      console.info(
        `  ${name}: from orders ${ms(raw.median)}, from customer_features ${ms(table.median)} (${(raw.median / table.median).toFixed(1)}x)`,
      );
    }
  } finally {
    await close();
  }
}
