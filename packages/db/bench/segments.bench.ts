import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { DbHandle } from "../src/client";
import { countSegment } from "../src/queries/segments";
import { queryRows } from "../src/queries/rows";
import { measure, ms, onBenchDatabases } from "./measure";

/**
 * Live count of representative segments, median of 7 after a warm-up. PGlite: an in-memory demo
 * chain (BENCH_PGLITE_CUSTOMERS, default 20,000). PostgreSQL: BENCH_DATABASE_URL, already seeded
 * (`pnpm db:seed --customers N`). BENCH_PGLITE_CUSTOMERS=0 measures PostgreSQL alone.
 */
export const segments: { name: string; rules: SegmentNode }[] = [
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
];

async function run(label: string, handle: DbHandle) {
  const [size] = await queryRows<{ customers: number; orders: number; as_of: string | null }>(
    handle.db,
    sql`select (select count(*) from customers)::int as customers, (select count(*) from orders)::int as orders,
               (select demo_as_of::text from business_settings where id = 1) as as_of`,
  );
  const now = size?.as_of ? new Date(size.as_of) : new Date();
  console.info(`${label}: ${size?.customers} customers, ${size?.orders} orders`);
  for (const s of segments) {
    let members = 0;
    const m = await measure(async () => {
      members = (await countSegment(handle.db, s.rules, { now })).members;
    });
    console.info(
      `  ${s.name.padEnd(80)} ${ms(m.median).padStart(9)} median (${ms(m.min)}–${ms(m.max)}), ${members} members`,
    );
  }
}

export default async function segmentsBench() {
  await onBenchDatabases(run);
}
