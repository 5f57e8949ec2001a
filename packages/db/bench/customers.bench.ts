import { sql } from "drizzle-orm";
import type { DbHandle } from "../src/client";
import {
  listCustomers,
  noCustomerFilters,
  type CustomerFilters,
  type CustomerSort,
} from "../src/queries/customers";
import { queryRows } from "../src/queries/rows";
import { measure, ms, onBenchDatabases } from "./measure";

/**
 * The customers list: one page of 50 (page query and capped count side by side), median of 7
 * after a warm-up, for a search and for each sort that reads customer_features. PGlite: an
 * in-memory demo chain (BENCH_PGLITE_CUSTOMERS, default 20,000; 0 skips it). PostgreSQL:
 * BENCH_DATABASE_URL, already seeded.
 */
const cases: {
  name: string;
  filters?: Partial<CustomerFilters>;
  sort: CustomerSort;
  direction: "asc" | "desc";
}[] = [
  { name: "default: newest sign-ups first", sort: "signedUp", direction: "desc" },
  {
    name: "search: name contains 'rossi'",
    filters: { search: "rossi" },
    sort: "name",
    direction: "asc",
  },
  {
    name: "search: email contains 'coppola1'",
    filters: { search: "coppola1" },
    sort: "name",
    direction: "asc",
  },
  {
    name: "search: exact phone",
    filters: { search: "+393820560201" },
    sort: "name",
    direction: "asc",
  },
  { name: "sort: spent, highest first", sort: "revenue", direction: "desc" },
  { name: "sort: orders, most first", sort: "orders", direction: "desc" },
  { name: "sort: last order, latest first", sort: "lastOrder", direction: "desc" },
  { name: "sort: predicted value, highest first", sort: "predictedValue", direction: "desc" },
  {
    name: "filter: RFM Champions, sorted by spent",
    filters: { rfmGroup: "champions" },
    sort: "revenue",
    direction: "desc",
  },
];

async function run(label: string, handle: DbHandle) {
  const [size] = await queryRows<{ customers: number; as_of: string | null }>(
    handle.db,
    sql`select (select count(*) from customers)::int as customers,
               (select demo_as_of::text from business_settings where id = 1) as as_of`,
  );
  const now = size?.as_of ? new Date(size.as_of) : new Date();
  console.info(`${label}: ${size?.customers} customers`);
  for (const c of cases) {
    let total = "";
    const m = await measure(async () => {
      const page = await listCustomers(
        handle.db,
        {
          filters: { ...noCustomerFilters, ...c.filters },
          sort: c.sort,
          direction: c.direction,
          offset: 0,
          limit: 50,
        },
        { storeScope: null, now, lapsedAfterDays: 180 },
      );
      total = `${page.total}${page.totalCapped ? "+" : ""}`;
    });
    console.info(
      `  ${c.name.padEnd(50)} ${ms(m.median).padStart(9)} median (${ms(m.min)}–${ms(m.max)}), ${total} matches`,
    );
  }
}

export default async function customersBench() {
  await onBenchDatabases(run);
}
