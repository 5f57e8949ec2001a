import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerFeatures,
  customers,
  importJobs,
  queryRows,
  type Database,
  type DbHandle,
} from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { importStatus, listImports, type ImportKind } from ".";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");

const importCsv = (db: Database, userId: number, kind: ImportKind, lines: string[]) =>
  importLines(db, { userId, kind, lines, now });

const count = async (db: Database, table: string) =>
  (await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

const customersFile = [
  "customer_id,name,email,signup_date,store,email_opt_in",
  "C-1,Anna Rossi,anna@example.test,2024-03-01,MIL,yes",
  "C-2,Bruno Bianchi,,01/04/2024,,no",
];
const ordersFile = [
  "order_id,customer_id,order_date,store,sku,name,category,qty,price",
  "O-1,C-1,2025-06-01 10:00,MIL,A1,Espresso beans,coffee,2,12.50",
  "O-1,C-1,2025-06-01 10:00,MIL,B2,Mug,kitchen,1,8.00",
  "O-2,C-2,02/06/2025,,A1,Espresso beans,coffee,1,12.50",
];

describe.each(testDrivers())("CSV import on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver, "csv_import");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "marketer", name: "Marta Marketer" })).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("imports customers, and importing the same file again changes nothing", async () => {
    const first = await importCsv(handle.db, userId, "customers", customersFile);
    expect(first.outcome).toEqual({
      ok: true,
      rows: 2,
      counts: { inserted: 2, updated: 0 },
      uncategorised: 0,
    });
    // The job ends when the import does, after it started (the request's time).
    const done = await importStatus(handle.db, first.jobId, now);
    expect(done.finishedAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(done.finishedAt!.getTime()).toBeLessThan(now.getTime() + 60_000);
    const [anna] = await handle.db.select().from(customers).where(eq(customers.externalId, "C-1"));
    expect(anna).toMatchObject({
      name: "Anna Rossi",
      email: "anna@example.test",
      consentEmail: true,
    });
    expect(anna?.signedUpAt.toISOString()).toBe("2024-02-29T23:00:00.000Z");
    const again = await importCsv(handle.db, userId, "customers", customersFile);
    expect(again.outcome).toEqual({
      ok: true,
      rows: 2,
      counts: { inserted: 0, updated: 0 },
      uncategorised: 0,
    });
    const edited = await importCsv(handle.db, userId, "customers", [
      customersFile[0]!,
      customersFile[1]!.replace("Anna Rossi", "Anna Verdi"),
      customersFile[2]!,
    ]);
    expect(edited.outcome).toEqual({
      ok: true,
      rows: 2,
      counts: { inserted: 0, updated: 1 },
      uncategorised: 0,
    });
  });

  it("a file with one bad row changes nothing and reports line, column and problem", async () => {
    const before = await count(handle.db, "orders");
    const bad = [
      ...ordersFile,
      "O-3,C-2,yesterday,,A1,Espresso beans,coffee,1,12.50",
      "O-4,NOBODY,2025-06-03,ROM,A1,Espresso beans,coffee,1,12.50",
    ];
    const { jobId, outcome } = await importCsv(handle.db, userId, "orders", bad);
    // The unknown customer and store of line 6 come in the same report as line 5's bad date.
    expect(outcome).toMatchObject({ ok: false, rows: 5, failed: 2 });
    expect(outcome.ok ? [] : outcome.errors).toEqual([
      { line: 5, column: "Placed at", message: expect.stringMatching(/"yesterday" is not a date/) },
      { line: 6, column: "Customer id", message: 'no customer "NOBODY"; import customers first' },
      { line: 6, column: "Store", message: 'no store with code "ROM"' },
    ]);
    expect(await count(handle.db, "orders")).toBe(before);
    const status = await importStatus(handle.db, jobId, now);
    expect(status).toMatchObject({ status: "failed", rowsFailed: 2, createdBy: "Marta Marketer" });

    // Rows that parse but name unknown customers or stores are caught against the database.
    const unknown = await importCsv(handle.db, userId, "orders", [
      ...ordersFile,
      "O-4,NOBODY,2025-06-03,ROM,A1,Espresso beans,coffee,1,12.50",
    ]);
    expect(unknown.outcome.ok ? [] : unknown.outcome.errors).toEqual([
      { line: 5, column: "Customer id", message: 'no customer "NOBODY"; import customers first' },
      { line: 5, column: "Store", message: 'no store with code "ROM"' },
    ]);
    expect(await count(handle.db, "orders")).toBe(before);

    // Every row of an order must agree on the order's customer, time, store, channel and discount.
    const split = await importCsv(handle.db, userId, "orders", [
      ...ordersFile,
      "O-1,C-2,2025-06-02 10:00,MIL,C3,Filter,coffee,1,3.00",
    ]);
    expect(split.outcome.ok ? [] : split.outcome.errors).toEqual([
      { line: 5, column: "Customer id", message: 'differs from the first row of order "O-1"' },
      { line: 5, column: "Placed at", message: 'differs from the first row of order "O-1"' },
    ]);
    expect(await count(handle.db, "orders")).toBe(before);

    // An empty order-level cell says nothing (shop exports fill them on an order's first row
    // only), but two values given differ, wherever the rows are: here a discount on a later row.
    const gap = await importCsv(handle.db, userId, "orders", [
      "order_id,customer_id,order_date,store,sku,name,category,qty,price,discount",
      "O-1,C-1,2025-06-01 10:00,,A1,Espresso beans,coffee,2,12.50,",
      "O-1,C-1,2025-06-01 10:00,MIL,B2,Mug,kitchen,1,8.00,1.00",
      "O-1,C-1,2025-06-01 10:00,,C3,Filter,coffee,1,3.00,",
      "O-1,C-1,2025-06-01 10:00,MIL,C4,Paper,coffee,1,3.00,2.00",
    ]);
    expect(gap.outcome.ok ? [] : gap.outcome.errors).toEqual([
      { line: 5, column: "Order discount", message: 'differs from the first row of order "O-1"' },
    ]);

    // An order's discount cannot exceed its items; the error points at the order's first row.
    const discounted = await importCsv(handle.db, userId, "orders", [
      "order_id,customer_id,order_date,store,sku,name,category,qty,price,discount",
      "O-1,C-1,2025-06-01 10:00,MIL,A1,Espresso beans,coffee,2,12.50,30.00",
      "O-2,C-2,02/06/2025,,A1,Espresso beans,coffee,1,12.50,",
      "O-1,C-1,2025-06-01 10:00,MIL,B2,Mug,kitchen,1,4.00,30.00",
    ]);
    expect(discounted.outcome.ok ? [] : discounted.outcome.errors).toEqual([
      {
        line: 2,
        column: "Order discount",
        message: "is larger than the order's items (2900 cents)",
      },
    ]);

    // Text holding the separators of an order's line list is refused at reading.
    const separators = await importCsv(handle.db, userId, "orders", [
      ...ordersFile.slice(0, 2),
      "O-2,C-2,02/06/2025,,A\u001e1,Espresso beans,coffee,1,12.50",
    ]);
    expect(separators.outcome.ok ? [] : separators.outcome.errors).toEqual([
      {
        line: 3,
        column: "SKU",
        message: "contains an invisible separator character (U+001E or U+001F)",
      },
    ]);
    expect(await count(handle.db, "orders")).toBe(before);
  });

  it("imports orders with items, refreshes features; the same file again changes nothing, an edited one updates", async () => {
    const first = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(first.outcome).toEqual({
      ok: true,
      rows: 3,
      counts: { inserted: 2, updated: 0 },
      uncategorised: 0,
    });
    const [o1] = await queryRows<{ total: number; items: number }>(
      handle.db,
      sql`select o.total::int as total, (select count(*)::int from order_items i where i.order_id = o.id) as items from orders o where external_id = 'O-1'`,
    );
    expect(o1).toEqual({ total: 3300, items: 2 });
    const [anna] = await handle.db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.externalId, "C-1"));
    const [features] = await handle.db
      .select()
      .from(customerFeatures)
      .where(eq(customerFeatures.customerId, anna!.id));
    expect(features).toMatchObject({ ordersCount: 1, revenue: 3300 });
    const itemsBefore = await queryRows<{ id: number }>(
      handle.db,
      sql`select id from order_items order by id`,
    );
    const again = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(again.outcome).toEqual({
      ok: true,
      rows: 3,
      counts: { inserted: 0, updated: 0 },
      uncategorised: 0,
    });
    expect(
      await queryRows<{ id: number }>(handle.db, sql`select id from order_items order by id`),
    ).toEqual(itemsBefore);
    const edited = await importCsv(handle.db, userId, "orders", [
      ...ordersFile.slice(0, 2),
      ordersFile[2]!.replace(",1,8.00", ",3,8.00"),
      ordersFile[3]!,
    ]);
    expect(edited.outcome).toEqual({
      ok: true,
      rows: 3,
      counts: { inserted: 0, updated: 1 },
      uncategorised: 0,
    });
    const [updated] = await queryRows<{ total: number }>(
      handle.db,
      sql`select total::int as total from orders where external_id = 'O-1'`,
    );
    expect(updated?.total).toBe(4900);
  });

  it("lists the import history newest first with counts and who ran it", async () => {
    const history = await listImports(handle.db, now);
    expect(history.length).toBe(await count(handle.db, "import_jobs"));
    expect(history[0]).toMatchObject({
      kind: "orders",
      status: "succeeded",
      rowsUpdated: 1,
      createdBy: "Marta Marketer",
    });
    const jobs = await handle.db.select().from(importJobs).where(eq(importJobs.status, "running"));
    expect(jobs).toEqual([]);
  });
});
