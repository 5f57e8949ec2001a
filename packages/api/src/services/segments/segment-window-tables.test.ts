import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerCategoriesFromOrders,
  customerOrderTimesFromOrders,
  queryRows,
  type Database,
  type DbHandle,
} from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { type ImportKind } from "../imports";
import { postOrder } from "../ingest";
import { importLines } from "../../test/import-csv";

// customer_categories and customer_order_times (segments' dated windows) are kept by triggers on
// orders and order_items: after the real ingest and import paths they must equal a full rebuild.
const now = new Date("2025-07-01T12:00:00Z");

const importCsv = async (db: Database, userId: number, kind: ImportKind, lines: string[]) =>
  (await importLines(db, { userId, kind, lines, now })).outcome;

const categoriesOf = (from: SQL) =>
  sql`select customer_id, category, first_at::text, last_at::text, placed::text from ${from} order by 1, 2`;
const timesOf = (from: SQL) =>
  sql`select customer_id, placed::text, running_total::text from ${from} order by 1`;
const stored = async (db: Database) => ({
  categories: await queryRows(db, categoriesOf(sql`customer_categories`)),
  times: await queryRows(db, timesOf(sql`customer_order_times`)),
});
const rebuilt = async (db: Database) => ({
  categories: await queryRows(db, categoriesOf(sql`(${customerCategoriesFromOrders}) r`)),
  times: await queryRows(db, timesOf(sql`(${customerOrderTimesFromOrders}) r`)),
});

describe.each(testDrivers())("segment window tables after ingest and import on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver, "segment_window_tables");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
  }, 60_000);
  afterAll(() => handle?.close());

  it("equal a full rebuild after an import, an API order, and a re-import that moves an order", async () => {
    const db = handle.db;
    const customersFile = [
      "customer_id,name,email,signup_date,store,email_opt_in",
      "C-1,Anna Rossi,anna@example.test,2024-03-01,MIL,yes",
      "C-2,Bruno Bianchi,,2024-04-01,,no",
    ];
    expect(await importCsv(db, userId, "customers", customersFile)).toMatchObject({ ok: true });
    const ordersFile = [
      "order_id,customer_id,order_date,store,sku,name,category,qty,price",
      "O-1,C-1,2025-03-01 10:00,MIL,W1,Chianti,wine,1,12.50",
      "O-1,C-1,2025-03-01 10:00,MIL,B2,Bread,bakery,1,3.00",
      "O-2,C-1,2025-05-10 18:00,MIL,W1,Chianti,wine,2,12.50",
      "O-3,C-2,2025-06-02 09:00,,D1,Milk,dairy,1,1.50",
    ];
    expect(await importCsv(db, userId, "orders", ordersFile)).toMatchObject({ ok: true });
    expect(await stored(db)).toEqual(await rebuilt(db));
    expect((await stored(db)).times).toHaveLength(2);

    await postOrder(
      { db, now, apiKeyId: null },
      {
        externalId: "API-1",
        customerId: "C-2",
        placedAt: "2025-06-30T10:00:00Z",
        currency: "EUR",
        channel: "offline",
        storeCode: "MIL",
        items: [{ sku: "W1", name: "Chianti", category: "wine", quantity: 1, unitPrice: 1250 }],
      },
    );
    expect(await stored(db)).toEqual(await rebuilt(db));

    // O-2 moves to another day and loses its wine: C-1's last wine purchase moves back to O-1.
    const edited = [
      ...ordersFile.slice(0, 3),
      "O-2,C-1,2025-05-20 18:00,MIL,B2,Bread,bakery,2,3.00",
      ordersFile[4]!,
    ];
    expect(await importCsv(db, userId, "orders", edited)).toMatchObject({ ok: true });
    const after = await stored(db);
    expect(after).toEqual(await rebuilt(db));
    const [wine] = await queryRows<{ moved: boolean; placed: string }>(
      db,
      sql`select s.last_at = o1.placed_at as moved, s.placed::text as placed
        from customer_categories s join orders o1 on o1.external_id = 'O-1' and o1.customer_id = s.customer_id
        where s.category = 'wine'`,
    );
    expect(wine?.moved).toBe(true);
    expect(wine?.placed.split(",")).toHaveLength(1);
  });
});
