import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { DbHandle } from "../src/client";
import { countSegment } from "../src/queries/segments";
import { segmentSizeTrend, trendForm } from "../src/queries/segments/size-trend";
import { queryRows } from "../src/queries/rows";
import { measure, ms, onBenchDatabases } from "./measure";

const DAY_MS = 86_400_000;

/** Midnight UTC `days` days before `now`, as the builder's "between" dates are whole days. */
const daysBefore = (now: Date, days: number) =>
  new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - days * DAY_MS).toISOString();

/**
 * Live count of representative segments, median of 7 (BENCH_RUNS) after a warm-up. PGlite: an
 * in-memory demo chain (BENCH_PGLITE_CUSTOMERS, default 20,000). PostgreSQL: BENCH_DATABASE_URL,
 * already seeded (`pnpm db:seed --customers N`). BENCH_PGLITE_CUSTOMERS=0 measures PostgreSQL alone;
 * BENCH_SEGMENT_CASES=4,5 picks cases by number. BENCH_SEGMENT_TREND=1 also times each case's
 * 12-week size trend in both forms (one count per week end, one pass) and names the form chosen.
 */
export const segments = (now: Date): { name: string; rules: SegmentNode }[] => [
  {
    name: "attributes: Milano, 30–44, email consent",
    rules: {
      kind: "and",
      children: [
        { kind: "city", values: ["Milano"] },
        { kind: "age", range: { min: 30, max: 44 } },
        { kind: "consent", channel: "email" },
      ],
    },
  },
  {
    name: "summary behaviour: spent ≥ €500 ever, last order ≥ 60 days ago",
    rules: {
      kind: "and",
      children: [
        { kind: "totalSpent", window: { kind: "allTime" }, range: { min: 50_000 } },
        { kind: "daysSinceLastOrder", range: { min: 60 } },
      ],
    },
  },
  {
    name: "RFM group: Champions or Loyal",
    rules: { kind: "rfmGroup", groups: ["champions", "loyal"] },
  },
  {
    name: "date window: ≥ 2 orders in the last 90 days",
    rules: { kind: "ordersCount", window: { kind: "lastDays", days: 90 }, range: { min: 2 } },
  },
  {
    name: "nested mix: (At risk or Can't lose) and 18–29 and no wine in 180 days",
    rules: {
      kind: "and",
      children: [
        {
          kind: "or",
          children: [
            { kind: "rfmGroup", groups: ["at_risk"] },
            { kind: "rfmGroup", groups: ["cant_lose_them"] },
          ],
        },
        { kind: "age", range: { min: 18, max: 29 } },
        {
          kind: "not",
          child: {
            kind: "boughtCategory",
            categories: ["wine"],
            window: { kind: "lastDays", days: 180 },
            bought: true,
          },
        },
      ],
    },
  },
  {
    name: "spend window: spent ≥ €100 in the last 90 days",
    rules: { kind: "totalSpent", window: { kind: "lastDays", days: 90 }, range: { min: 10_000 } },
  },
  {
    name: "between dates: ≥ 2 orders between 270 and 180 days ago",
    rules: {
      kind: "ordersCount",
      window: { kind: "between", from: daysBefore(now, 270), to: daysBefore(now, 180) },
      range: { min: 2 },
    },
  },
  {
    name: "category window: bought wine in the last 180 days",
    rules: {
      kind: "boughtCategory",
      categories: ["wine"],
      window: { kind: "lastDays", days: 180 },
      bought: true,
    },
  },
  {
    name: "category between dates: bought wine between 270 and 180 days ago",
    rules: {
      kind: "boughtCategory",
      categories: ["wine"],
      window: { kind: "between", from: daysBefore(now, 270), to: daysBefore(now, 180) },
      bought: true,
    },
  },
  {
    name: "did not buy: no wine in the last 90 days, but bought wine before",
    rules: {
      kind: "and",
      children: [
        { kind: "boughtCategory", categories: ["wine"], window: { kind: "allTime" }, bought: true },
        {
          kind: "boughtCategory",
          categories: ["wine"],
          window: { kind: "lastDays", days: 90 },
          bought: false,
        },
      ],
    },
  },
];

async function run(label: string, handle: DbHandle) {
  const [size] = await queryRows<{ customers: number; orders: number; as_of: string | null }>(
    handle.db,
    sql`select (select count(*) from customers)::int as customers, (select count(*) from orders)::int as orders,
               (select demo_as_of::text from business_settings where id = 1) as as_of`,
  );
  const now = size?.as_of ? new Date(size.as_of) : new Date();
  console.info(`${label}: ${size?.customers} customers, ${size?.orders} orders`);
  const picked = process.env.BENCH_SEGMENT_CASES?.split(",").map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  for (const [i, s] of segments(now).entries()) {
    if (picked && !picked.includes(i + 1)) continue;
    let members = 0;
    const m = await measure(async () => {
      members = (await countSegment(handle.db, s.rules, { now })).members;
    }, runs);
    console.info(
      `  ${i + 1}. ${s.name.padEnd(80)} ${ms(m.median).padStart(9)} median (${ms(m.min)}–${ms(m.max)}), ${members} members`,
    );
    if (!process.env.BENCH_SEGMENT_TREND) continue;
    for (const form of ["perWeek", "onePass"] as const) {
      const t = await measure(() => segmentSizeTrend(handle.db, s.rules, { now, form }), runs);
      const chosen = trendForm(s.rules) === form ? " (chosen)" : "";
      console.info(
        `     12-week trend, ${form.padEnd(7)} ${ms(t.median).padStart(9)} median (${ms(t.min)}–${ms(t.max)})${chosen}`,
      );
    }
  }
}

export default async function segmentsBench() {
  await onBenchDatabases(run);
}
