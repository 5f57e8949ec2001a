/**
 * Retention queries at the size of the database in BENCH_DATABASE_URL: the 24-month cohort matrix
 * (everyone, and one store's customers standing in for a segment), and the 24-point churn trend,
 * each from raw orders and from customer_features; then the Retention page's default view (twelve
 * months of cohorts up to the last order's day): each other card live and through its cache
 * (migration 0009), for everyone and one home store, and the page's queries in total.
 */
import { sql } from "drizzle-orm";
import { bracketsFromEnds, DEFAULT_BRACKET_ENDS } from "@boomerang/domain/metrics";
import { createDb } from "../src/client";
import { queryRows } from "../src/queries/rows";
import { churnTrendFromFeatures, churnTrendFromOrders } from "../src/queries/retention/churn";
import { cohortBracketsFromFeatures } from "../src/queries/retention/cohort-brackets";
import { cohortCountsFromFeatures } from "../src/queries/retention/cohorts";
import { cohortCountsFromOrders } from "../src/queries/retention/cohorts-from-orders";
import {
  monthlyActivityFromFeatures,
  revenueChurnFromFeatures,
} from "../src/queries/retention/monthly";
import { purchaseGapsFromFeatures } from "../src/queries/retention/purchase-gaps";
import { repeatRateFromFeatures } from "../src/queries/retention/repeat-rate";
import type { RetentionAudience } from "../src/queries/retention/scope";
import type { Database } from "../src/client";
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
        "cohort matrix, one home store",
        "retention_store_cohort_months",
        () => cohortCountsFromOrders(db, "month", range, oneStore),
        (cache) => cohortCountsFromFeatures(db, "month", range, oneStore, { cache }),
      ],
      [
        "churn trend (24 month ends), everyone",
        "retention_churn_events",
        () => churnTrendFromOrders(db, window, monthEnds, everyone),
        (cache) =>
          churnTrendFromFeatures(db, window, monthEnds, everyone, { cache, defaultWindow: window }),
      ],
      [
        "churn trend (24 month ends), one home store",
        "retention_store_churn_events",
        () => churnTrendFromOrders(db, window, monthEnds, oneStore),
        (cache) =>
          churnTrendFromFeatures(db, window, monthEnds, oneStore, { cache, defaultWindow: window }),
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
    if ("page cards".includes(only) || only.startsWith("page"))
      await pageBench(db, everyone, oneStore, rawRuns);
  } finally {
    await close();
  }
}

/**
 * The Retention page's default view, as `getRetention` (packages/api) asks for it: the monthly
 * cohort counts, then repeat rate (90 days), time between purchases, monthly activity and revenue
 * churn at once, then the churn trend on each month end with the window from the median gap.
 */
async function pageBench(
  db: Database,
  everyone: RetentionAudience,
  oneStore: RetentionAudience,
  runs: number,
): Promise<void> {
  const [view] = await queryRows<{ today: string; from: string; a: string; b: string }>(
    db,
    sql`
      with d as (select (max(placed_at) at time zone ${everyone.timezone})::date as today from orders)
      select to_char(today, 'YYYY-MM-DD') as today,
             to_char(date_trunc('month', today) - interval '11 months', 'YYYY-MM-DD') as "from",
             ((date_trunc('month', today) - interval '11 months')::timestamp at time zone ${everyone.timezone})::text as a,
             ((today + 1)::timestamp at time zone ${everyone.timezone})::text as b
      from d
    `,
  );
  if (!view) return;
  const range = { from: new Date(view.a), to: new Date(view.b) };
  const today = Math.floor(Date.parse(`${view.today}T00:00:00Z`) / 86_400_000);
  // The last day of every month of the view, and today.
  const days: number[] = [];
  for (let d = Date.parse(`${view.from}T00:00:00Z`); ;) {
    const next = new Date(d);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const end = next.getTime() / 86_400_000 - 1;
    if (end >= today) break;
    days.push(end);
    d = next.getTime();
  }
  days.push(today);
  console.info(
    `retention page, default view: cohorts acquired ${view.from} to ${view.today}, ${days.length} churn days`,
  );
  const cards = (audience: RetentionAudience, cache: boolean) =>
    [
      [
        "repeat rate (90 days)",
        "retention_repeat_days",
        () => repeatRateFromFeatures(db, 90, today, range, audience, { cache }),
      ],
      [
        "time between purchases",
        "retention_gap_counts",
        () => purchaseGapsFromFeatures(db, 7, 182, range, audience, { cache }),
      ],
      [
        "monthly activity (AOV, frequency)",
        "retention_activity_months",
        () => monthlyActivityFromFeatures(db, view.from, view.today, audience, { cache }),
      ],
      [
        "revenue churn",
        "retention_activity_months",
        () => revenueChurnFromFeatures(db, view.from, view.today, audience, { cache }),
      ],
    ] as const;
  // Before: the cohort counts first, then the four cards (live) at once, then churn, with only
  // everyone's matrix and churn cached. After (as getRetention now runs it): the cohort counts and
  // the four cards at once, then churn, everything cached for everyone and for a home store.
  const page = async (audience: RetentionAudience, cache: boolean) => {
    const matrixCache = cache || audience.storeId === null;
    const cohorts = () =>
      cohortCountsFromFeatures(db, "month", range, audience, { cache: matrixCache });
    const all = cards(audience, cache).map(([, , fn]) => fn);
    let gaps: unknown;
    if (cache) [, , gaps] = await Promise.all([cohorts(), ...all.map((fn) => fn())]);
    else {
      await cohorts();
      [, gaps] = await Promise.all(all.map((fn) => fn()));
    }
    const median = (gaps as { medianDays: number | null }).medianDays ?? 30;
    const churnAfterDays = Math.max(2, Math.round(2 * median));
    // The page's own window is the one the cache keeps (any other window is computed live).
    const window = { churnAfterDays, atRiskAfterDays: Math.max(1, Math.round(churnAfterDays / 2)) };
    await churnTrendFromFeatures(db, window, days, audience, {
      cache: matrixCache,
      defaultWindow: window,
    });
  };
  // The custom-brackets card (`retention.brackets`, its own request; default ends, by month):
  // measured with the cards, not part of the page total. BENCH_RETENTION_CASES="page brackets"
  // measures it alone.
  const bracketsCard = (audience: RetentionAudience, cache: boolean) =>
    [
      "custom brackets (7, 30, 90, 180, 365 days)",
      "retention_bracket_counts",
      () =>
        cohortBracketsFromFeatures(
          db,
          "month",
          bracketsFromEnds(DEFAULT_BRACKET_ENDS),
          today,
          range,
          audience,
          { cache },
        ),
    ] as const;
  const bracketsOnly = process.env.BENCH_RETENTION_CASES === "page brackets";
  for (const [label, audience] of [
    ["everyone", everyone],
    ["one home store", oneStore],
  ] as const) {
    const live = [...(bracketsOnly ? [] : cards(audience, false)), bracketsCard(audience, false)];
    const cached = [...(bracketsOnly ? [] : cards(audience, true)), bracketsCard(audience, true)];
    for (let i = 0; i < live.length; i++) {
      const [name, table, liveFn] = live[i]!;
      const cachedFn = cached[i]![2];
      const before = await measure(liveFn, runs, runs > 1 ? 1 : 0);
      await db.execute(sql`delete from ${sql.raw(table)}`);
      let t = performance.now();
      await cachedFn();
      const cold = performance.now() - t;
      const warm = await measure(cachedFn, 7, 1);
      // What a returning customer of the view's first month and a new customer delete.
      const written: number[] = [];
      for (let k = 0; k < 3; k++) {
        await db.execute(sql`delete from ${sql.raw(table)} where cohort_month in (
          ${view.from}::date, date_trunc('month', ${view.today}::date)::date)`);
        t = performance.now();
        await cachedFn();
        written.push(performance.now() - t);
      }
      console.info(
        `  ${label}, ${name}: live ${ms(before.median)}, cached ${ms(warm.median)}, ${ms(written.sort((a, b) => a - b)[1]!)} after writes to two cohort months, ${ms(cold)} to fill it empty`,
      );
    }
    if (bracketsOnly) continue;
    const before = await measure(() => page(audience, false), runs, 1);
    const after = await measure(() => page(audience, true), 7, 1);
    console.info(`  ${label}, page total: ${ms(before.median)} before, ${ms(after.median)} after`);
  }
}
