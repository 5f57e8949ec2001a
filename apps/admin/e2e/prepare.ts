/**
 * Runs before the server starts: a fresh embedded database with a small demo chain, and the figures
 * the Overview must show, computed here with plain SQL independent of the app's queries.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { sql } from "drizzle-orm";
import { createDb, migrate, queryRows } from "@boomerang/db";
import { seedDemo } from "@boomerang/db/seed/index";
import { e2eDataDir, expectedFile } from "./paths";

type Figures = { revenue: number; orders: number; activeCustomers: number };

/** The last 30 days up to `today`, in the business's time zone. */
export type ExpectedWindow = { today: string; from: string; all: Figures; milano: Figures };

export type ExpectedFigures = ExpectedWindow & {
  timezone: string;
  /**
   * The window ending today and the one ending tomorrow: a run that crosses midnight in the
   * business's time zone sees the pages' default period move a day while it runs.
   */
  windows: ExpectedWindow[];
  /** A store that is not the Milano manager's, to try reaching through the URL. */
  otherStoreId: number;
};

const now = new Date();
const asOf = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

rmSync(dirname(e2eDataDir), { recursive: true, force: true });
mkdirSync(e2eDataDir, { recursive: true });
const handle = await createDb({ dataDir: e2eDataDir });
await migrate(handle);
await seedDemo(handle, { asOf, customers: 3000, seed: 7 });

const [settings] = await queryRows<{ timezone: string }>(
  handle.db,
  sql`select timezone from business_settings`,
);
const timezone = settings!.timezone;

const [{ base }] = (await queryRows<{ base: string }>(
  handle.db,
  sql`select to_char((now() at time zone ${timezone})::date, 'YYYY-MM-DD') as base`,
)) as [{ base: string }];

async function window(daysAhead: number): Promise<ExpectedWindow> {
  const [days] = await queryRows<{ today: string; from: string }>(
    handle.db,
    sql`select to_char(${base}::date + ${daysAhead}::int, 'YYYY-MM-DD') as today,
               to_char(${base}::date + ${daysAhead}::int - 29, 'YYYY-MM-DD') as "from"`,
  );
  const figures = async (storeCode: string | null): Promise<Figures> => {
    const [row] = await queryRows<{ revenue: number; orders: number; active: number }>(
      handle.db,
      sql`select coalesce(sum(o.total), 0)::float8 as revenue, count(*)::int as orders,
                 count(distinct o.customer_id)::int as active
          from orders o left join stores s on s.id = o.store_id
          where (o.placed_at at time zone ${timezone})::date between ${days!.from}::date and ${days!.today}::date
            and (${storeCode}::text is null or s.code = ${storeCode}::text)`,
    );
    return { revenue: row!.revenue, orders: row!.orders, activeCustomers: row!.active };
  };
  return {
    today: days!.today,
    from: days!.from,
    all: await figures(null),
    milano: await figures("MIL01"),
  };
}

const windows = [await window(0), await window(1)];
const expected: ExpectedFigures = {
  ...windows[0]!,
  timezone,
  windows,
  otherStoreId: (
    await queryRows<{ id: number }>(handle.db, sql`select id from stores where code = 'ROM01'`)
  )[0]!.id,
};
await handle.close();
writeFileSync(expectedFile, JSON.stringify(expected, null, 2));
console.info(`e2e: seeded ${e2eDataDir}; expected figures for ${expected.from}..${expected.today}`);
