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
    // Raw orders take minutes at 1M customers: BENCH_RAW_RUNS=1 for a single run.
    const rawRuns = Number(process.env.BENCH_RAW_RUNS ?? 3);
    const forget = (table: string, months: "all" | "two") =>
      db.execute(
        months === "all"
          ? sql`delete from ${sql.raw(table)}`
          : // What one returning customer of an old cohort and one new customer's orders delete.
            sql`delete from ${sql.raw(table)} where cohort_month in (
                  (select max(cohort_month) from ${sql.raw(table)}),
                  (select min(cohort_month) + interval '1 year' from ${sql.raw(table)}))`,
      );
    const afterWrites = async (table: string, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        await forget(table, "two");
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    const cases: [
      string,
      string | null,
      () => Promise<unknown>,
      (cache: boolean) => Promise<unknown>,
    ][] = [
      [
        "cohort matrix, everyone",
        "retention_cohort_months",
        () => cohortCountsFromOrders(db, "month", range, everyone),
        (cache) => cohortCountsFromFeatures(db, "month", range, everyone, { cache }),
      ],
      [
        "cohort matrix, one store (a segment: live per-customer arrays)",
        null,
        () => cohortCountsFromOrders(db, "month", range, oneStore),
        () => cohortCountsFromFeatures(db, "month", range, oneStore),
      ],
      [
        "churn trend (24 month ends), everyone",
        "retention_churn_events",
        () => churnTrendFromOrders(db, window, monthEnds, everyone),
        (cache) => churnTrendFromFeatures(db, window, monthEnds, everyone, { cache }),
      ],
    ];
    const only = process.env.BENCH_RETENTION_CASES ?? "";
    for (const [name, table, fromOrders, fromFeatures] of cases) {
      if (!name.includes(only)) continue;
      const raw = await measure(fromOrders, rawRuns, rawRuns > 1 ? 1 : 0);
      // A full pass over everyone's arrays takes seconds to minutes: as many runs as the raw ones.
      const live = table
        ? await measure(() => fromFeatures(false), rawRuns, rawRuns > 1 ? 1 : 0)
        : await measure(() => fromFeatures(false), 5, 1);
      console.info(
        `  ${name}: from orders ${ms(raw.median)}, from customer_features ${ms(live.median)} (${(raw.median / live.median).toFixed(1)}x)`,
      );
      if (!table) continue;
      await forget(table, "all");
      const t = performance.now();
      await fromFeatures(true);
      const cold = performance.now() - t;
      const warm = await measure(() => fromFeatures(true), 7, 1);
      const written = await afterWrites(table, () => fromFeatures(true));
      console.info(
        `    through ${table}: ${ms(warm.median)} (${(raw.median / warm.median).toFixed(0)}x orders), ${ms(written)} after writes to two cohort months, ${ms(cold)} to fill it empty`,
      );
    }
  } finally {
    await close();
  }
}
