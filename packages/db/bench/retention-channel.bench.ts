/**
 * The Retention page's default view with a channel chosen, at the size of the database in
 * BENCH_DATABASE_URL: customer_features does not split orders by channel, so every card reads that
 * channel's orders live (no cache). Each card alone, then the page as `getRetention` runs it: the
 * cohort counts and the four cards at once, then the churn trend with the window from the channel's
 * median gap. Read only: it writes nothing, so it can run against a shared database.
 * BENCH_CHANNEL=offline for in-store orders (default online); BENCH_RAW_RUNS runs each (default 3).
 */
import { sql } from "drizzle-orm";
import { defaultChurnWindow } from "@boomerang/domain/metrics";
import { createDb } from "../src/client";
import { queryRows } from "../src/queries/rows";
import {
  churnTrendForChannel,
  monthlyActivityForChannel,
  purchaseGapsForChannel,
  repeatRateForChannel,
  revenueChurnForChannel,
} from "../src/queries/retention/channel-metrics";
import {
  cohortCountsFromOrders,
  type SalesChannel,
} from "../src/queries/retention/cohorts-from-orders";
import type { RetentionAudience } from "../src/queries/retention/scope";
import { measure, ms } from "./measure";

export default async function retentionChannelBench(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.info(
      "retention by channel: set BENCH_DATABASE_URL to a seeded PostgreSQL database; skipped",
    );
    return;
  }
  const channel: SalesChannel = process.env.BENCH_CHANNEL === "offline" ? "offline" : "online";
  const runs = Number(process.env.BENCH_RAW_RUNS ?? 3);
  const { db, close } = await createDb({ url });
  try {
    const [view] = await queryRows<{
      tz: string;
      today: string;
      from: string;
      a: string;
      b: string;
      orders: number;
      store: number;
    }>(
      db,
      sql`
        with s as (select coalesce((select timezone from business_settings where id = 1), 'UTC') as tz),
        d as (select (max(placed_at) at time zone (select tz from s))::date as today from orders)
        select (select tz from s) as tz, to_char(today, 'YYYY-MM-DD') as today,
               to_char(date_trunc('month', today) - interval '11 months', 'YYYY-MM-DD') as "from",
               ((date_trunc('month', today) - interval '11 months')::timestamp at time zone (select tz from s))::text as a,
               ((today + 1)::timestamp at time zone (select tz from s))::text as b,
               (select count(*)::int from orders where channel = ${channel}) as orders,
               (select min(id)::int from stores) as store
        from d
      `,
    );
    if (!view?.today) {
      console.info("retention by channel: the bench database has no orders; skipped");
      return;
    }
    const range = { from: new Date(view.a), to: new Date(view.b) };
    const today = Math.floor(Date.parse(`${view.today}T00:00:00Z`) / 86_400_000);
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
      `retention by channel (${channel}, ${view.orders} orders): cohorts acquired ${view.from} to ${view.today}, ${days.length} churn days`,
    );
    const everyone: RetentionAudience = { storeId: null, program: null, timezone: view.tz };
    const oneStore: RetentionAudience = { ...everyone, storeId: view.store };
    for (const [label, audience] of [
      ["everyone", everyone],
      ["one home store", oneStore],
    ] as const) {
      const cards = [
        ["cohort counts", () => cohortCountsFromOrders(db, "month", range, audience, channel)],
        [
          "repeat rate (90 days)",
          () => repeatRateForChannel(db, channel, 90, today, range, audience),
        ],
        [
          "time between purchases",
          () => purchaseGapsForChannel(db, channel, 7, 182, range, audience),
        ],
        [
          "monthly activity (AOV, frequency)",
          () => monthlyActivityForChannel(db, channel, view.from, view.today, audience),
        ],
        [
          "revenue churn",
          () => revenueChurnForChannel(db, channel, view.from, view.today, audience),
        ],
        [
          "churn trend",
          () =>
            churnTrendForChannel(
              db,
              channel,
              { churnAfterDays: 120, atRiskAfterDays: 60 },
              days,
              audience,
            ),
        ],
      ] as const;
      for (const [name, fn] of cards) {
        const m = await measure(fn, runs, 0);
        console.info(`  ${label}, ${name}: ${ms(m.median)}`);
      }
      const page = async () => {
        const [, , gaps] = await Promise.all(cards.slice(0, 5).map(([, fn]) => fn()));
        const window = defaultChurnWindow((gaps as { medianDays: number | null }).medianDays);
        await churnTrendForChannel(db, channel, window, days, audience);
      };
      const total = await measure(page, runs, 0);
      console.info(`  ${label}, page total: ${ms(total.median)}`);
    }
  } finally {
    await close();
  }
}
