import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");

// Shopify's order export, as it comes (with a Category column added, which it lacks): one row per
// line item, the order number in "Name" on every row, and the order's own columns (currency,
// discount, location, Id) filled on its first row only.
const header =
  "Name,Email,Financial Status,Paid at,Currency,Subtotal,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Location,Id,Category";
const shopExport = [
  header,
  "#1001,anna@example.test,paid,2025-06-01 10:05:00 +0200,EUR,33.00,WELCOME,3.00,2025-06-01 10:00:00 +0200,2,Espresso beans,12.50,A1,MIL,5501,coffee",
  "#1001,anna@example.test,,,,,,,2025-06-01 10:00:00 +0200,1,Mug,8.00,B2,,,kitchen",
  "#1002,anna@example.test,paid,2025-06-02 18:00:00 +0200,EUR,12.50,,,2025-06-02 18:00:00 +0200,1,Espresso beans,12.50,A1,,5502,coffee",
];

describe.each(testDrivers())("a shop's order export on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver, "import_shop_export");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "marketer" })).id;
    await handle.db
      .insert(customers)
      .values({ externalId: "C-ANNA", name: "Anna", email: "anna@example.test", signedUpAt: now });
  }, 60_000);
  afterAll(() => handle.close());

  const run = (lines: string[]) => importLines(handle.db, { userId, kind: "orders", lines, now });
  const orders = () =>
    queryRows<{
      order: string;
      store: string | null;
      channel: string;
      discount: number;
      total: number;
      items: number;
    }>(
      handle.db,
      sql`select o.external_id as "order", s.code as store, o.channel::text as channel,
                 o.discount::int as discount, o.total::int as total,
                 (select count(*)::int from order_items i where i.order_id = o.id) as items
          from orders o left join stores s on s.id = o.store_id order by 1`,
    );

  it("imports as exported: the order number groups the rows, the first row's order columns hold for the rest", async () => {
    const { outcome } = await run(shopExport);
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 2, updated: 0 } });
    expect(await orders()).toEqual([
      { order: "#1001", store: "MIL", channel: "offline", discount: 300, total: 3_000, items: 2 },
      { order: "#1002", store: null, channel: "online", discount: 0, total: 1_250, items: 1 },
    ]);
    // The same export again changes nothing.
    expect((await run(shopExport)).outcome).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
  });

  it("still refuses an order whose rows give different values, naming the row", async () => {
    const before = await orders();
    const { outcome } = await run([
      header,
      "#1003,anna@example.test,paid,,EUR,20.50,,1.00,2025-06-03 10:00:00 +0200,1,Espresso beans,12.50,A1,MIL,5503,coffee",
      "#1003,anna@example.test,,,,,,,2025-06-03 10:00:00 +0200,1,Mug,8.00,B2,,,kitchen",
      "#1003,anna@example.test,,,,,,2.00,2025-06-03 10:00:00 +0200,1,Filter,3.00,C3,,,coffee",
    ]);
    expect(outcome.ok ? [] : outcome.errors).toEqual([
      { line: 4, column: "Order discount", message: 'differs from the first row of order "#1003"' },
    ]);
    expect(await orders()).toEqual(before);
  });
});
