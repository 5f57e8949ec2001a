import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveStoreKpis, queryRows, storeKpis, type Database, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import { customerBalance, postOrder, postRefund } from "../ingest";
import { createImportJob, guessMapping, runImport, type ImportKind } from ".";

const now = new Date("2025-07-01T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "boomerang-import-programs-"));
let fileNo = 0;

async function importCsv(db: Database, userId: number, kind: ImportKind, lines: string[]) {
  const filePath = join(dir, `f${++fileNo}.csv`);
  writeFileSync(filePath, `${lines.join("\n")}\n`);
  const jobId = await createImportJob(db, { kind, fileName: `${kind}.csv`, userId, now });
  return runImport(db, {
    jobId,
    kind,
    mapping: guessMapping(kind, lines[0]!.split(",")),
    filePath,
    now,
  });
}

// Anna's orders are listed out of time order: the later one first. Bruno is in no program yet: the
// import enrolls him in the running program (it targets everyone), so his order earns too.
const ordersFile = [
  "order_id,customer_id,order_date,store,sku,name,category,qty,price",
  "O-2,ANNA,2025-06-02 10:00,MIL,A1,Espresso beans,coffee,1,20.00",
  "O-1,ANNA,2025-06-01 10:00,MIL,A1,Espresso beans,coffee,2,12.50",
  "O-1,ANNA,2025-06-01 10:00,MIL,B2,Mug,kitchen,1,8.00",
  "O-3,BRUNO,2025-06-01 11:00,,A1,Espresso beans,coffee,1,12.50",
];

const count = async (db: Database, table: string) =>
  (await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

type LedgerRow = { order: string; kind: string; amount: number; key: string };

describe.each(testDrivers())("imported orders run through the programs on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  let programId: number;
  const ledger = () =>
    queryRows<LedgerRow>(
      handle.db,
      sql`select o.external_id as order, l.kind::text as kind, l.amount::int as amount, l.idempotency_key as key
          from ledger_entries l join orders o on o.id = l.order_id order by l.effective_at, l.id`,
    );

  const ledgerOf = (order: string) =>
    queryRows<{ id: number; kind: string; amount: number; corrects: number | null; note: string }>(
      handle.db,
      sql`select l.id::int as id, l.kind::text as kind, l.amount::int as amount,
                 l.corrects_entry_id::int as corrects, l.note
          from ledger_entries l join orders o on o.id = l.order_id where o.external_id = ${order} order by l.id`,
    );

  beforeAll(async () => {
    handle = await openTestDb(driver, "import_programs");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    const anna = await makeCustomer(handle.db, { externalId: "ANNA" });
    await makeCustomer(handle.db, { externalId: "BRUNO" });
    // 1 point per 1.00 spent, usable at once.
    programId = (await enrollInRewards(handle.db, anna.id)).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("earns for every new order of an enrolled customer, in order of placed_at", async () => {
    const outcome = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 3, updated: 0 } });
    // Applied in file order, O-1 (older than O-2) would have been ignored by the engine.
    expect(await ledger()).toEqual([
      { order: "O-1", kind: "earn", amount: 33, key: expect.stringMatching(`^${programId}:`) },
      { order: "O-3", kind: "earn", amount: 12, key: expect.stringMatching(`^${programId}:`) },
      { order: "O-2", kind: "earn", amount: 20, key: expect.stringMatching(`^${programId}:`) },
    ]);
    const balance = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(balance.programs).toEqual([expect.objectContaining({ programId, available: 53 })]);
  });

  it("importing the same file again earns nothing more", async () => {
    const outcome = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 0, updated: 0 } });
    expect(await ledger()).toHaveLength(3);
  });

  it("an edited order takes back what it earned, with corrections referencing the original entry, and earns on its new figures", async () => {
    const june = {
      from: new Date("2025-05-31T22:00:00Z"),
      to: new Date("2025-06-30T22:00:00Z"),
      storeId: null,
      churnWindowDays: 90,
      now,
    };
    const mil = async () =>
      (await storeKpis(handle.db, june, "Europe/Rome")).find((k) => k.revenue > 0)!;
    // Filled into the store-KPI month cache before the edit.
    expect(await mil()).toMatchObject({ revenue: 5300, orders: 2 });
    const cached = await count(handle.db, "store_kpi_months");
    expect(cached).toBeGreaterThan(0);

    const doubled = [
      ordersFile[0]!,
      ordersFile[1]!.replace(",1,20.00", ",2,20.00"),
      ...ordersFile.slice(2),
    ];
    const edited = await importCsv(handle.db, userId, "orders", doubled);
    expect(edited).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    const entries = await ledgerOf("O-2");
    const original = entries[0]!;
    expect(entries).toEqual([
      { id: original.id, kind: "earn", amount: 20, corrects: null, note: expect.any(String) },
      {
        id: expect.any(Number),
        kind: "adjust",
        amount: -20,
        corrects: original.id,
        note: expect.stringContaining("edited by an import"),
      },
      {
        id: expect.any(Number),
        kind: "earn",
        amount: 40,
        corrects: original.id,
        note: expect.stringContaining("edited by an import"),
      },
    ]);
    const balance = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(balance.programs).toEqual([expect.objectContaining({ programId, available: 73 })]);
    // Features and the store KPIs (their cached month was dropped and is filled again) see 40.00.
    const [features] = await queryRows<{ revenue: number; orders: number }>(
      handle.db,
      sql`select f.revenue::int as revenue, f.orders_count as orders from customer_features f join customers c on c.id = f.customer_id where c.external_id = 'ANNA'`,
    );
    expect(features).toEqual({ revenue: 7300, orders: 2 });
    expect(await mil()).toMatchObject({ revenue: 7300, orders: 2, pointsIssued: 73 + 20 });
    expect(await mil()).toEqual(
      (await liveStoreKpis(handle.db, june, "Europe/Rome")).find((k) => k.revenue > 0),
    );

    // The edited file again: nothing changes.
    expect(await importCsv(handle.db, userId, "orders", doubled)).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
    expect(await ledgerOf("O-2")).toHaveLength(3);

    // Edited back: what the second version earned is taken back (from its own lot), and 20 earned.
    const back = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(back).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    expect((await ledgerOf("O-2")).slice(3)).toEqual([
      expect.objectContaining({ kind: "adjust", amount: -40, corrects: original.id }),
      expect.objectContaining({ kind: "earn", amount: 20, corrects: original.id }),
    ]);
    const after = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(after.programs).toEqual([expect.objectContaining({ programId, available: 53 })]);
    // The order still counts once in the member's state.
    const [state] = await queryRows<{ orders: number }>(
      handle.db,
      sql`select (e.state->>'orderCount')::int as orders from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
    );
    expect(state).toEqual({ orders: 2 });
  });

  it("keeps the member's state: a later API order earns on top of the imported ones", async () => {
    const posted = await postOrder(
      { db: handle.db, now, apiKeyId: null },
      {
        externalId: "API-1",
        customerId: "ANNA",
        placedAt: "2025-06-10T10:00:00Z",
        currency: "EUR",
        channel: "offline",
        storeCode: "MIL",
        items: [
          { sku: "A1", name: "Espresso beans", category: "coffee", quantity: 1, unitPrice: 1000 },
        ],
      },
    );
    expect(posted.programs).toEqual([
      expect.objectContaining({ programId, earned: 10, available: 63 }),
    ]);
    // The stored state counts all three orders.
    const [state] = await queryRows<{ orders: number }>(
      handle.db,
      sql`select (e.state->>'orderCount')::int as orders from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
    );
    expect(state).toEqual({ orders: 3 });
  });

  it("an order moved to another customer is taken back from the first and earned by the second", async () => {
    const moved = await importCsv(handle.db, userId, "orders", [
      ...ordersFile.slice(0, 4),
      ordersFile[4]!.replace(",BRUNO,", ",ANNA,"),
    ]);
    expect(moved).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    const entries = await queryRows<{
      customer: string;
      kind: string;
      amount: number;
      corrects: boolean;
    }>(
      handle.db,
      sql`select c.external_id as customer, l.kind::text as kind, l.amount::int as amount,
                 l.corrects_entry_id is not null as corrects
          from ledger_entries l join orders o on o.id = l.order_id join customers c on c.id = l.customer_id
          where o.external_id = 'O-3' order by c.external_id desc, l.id`,
    );
    expect(entries).toEqual([
      { customer: "BRUNO", kind: "earn", amount: 12, corrects: false },
      { customer: "BRUNO", kind: "adjust", amount: -12, corrects: true },
      { customer: "ANNA", kind: "earn", amount: 12, corrects: true },
    ]);
    const ctx = { db: handle.db, now, apiKeyId: null };
    expect((await customerBalance(ctx, "BRUNO")).programs).toEqual([
      expect.objectContaining({ available: 0 }),
    ]);
    expect((await customerBalance(ctx, "ANNA")).programs).toEqual([
      expect.objectContaining({ programId, available: 75 }),
    ]);
    // A refund of the moved order afterwards claws back from its new customer, like any order's.
    const refund = await postRefund(ctx, {
      externalId: "R-3",
      orderId: "O-3",
      amount: 1250,
      refundedAt: "2025-06-15T10:00:00Z",
    });
    expect(refund.programs).toEqual([
      expect.objectContaining({ programId, adjusted: -12, available: 63 }),
    ]);
    // Both customers' features follow the order.
    const features = await queryRows<{ customer: string; orders: number }>(
      handle.db,
      sql`select c.external_id as customer, coalesce(f.orders_count, 0) as orders
          from customers c left join customer_features f on f.customer_id = c.id order by 1`,
    );
    expect(features).toEqual([
      { customer: "ANNA", orders: 4 },
      { customer: "BRUNO", orders: 0 },
    ]);
  });

  it("a file whose new orders arrive together with a bad row earns nothing", async () => {
    const before = await ledger();
    const outcome = await importCsv(handle.db, userId, "orders", [
      ordersFile[0]!,
      "O-9,ANNA,2025-06-20 10:00,MIL,A1,Espresso beans,coffee,1,99.00",
      "O-10,NOBODY,2025-06-20 10:00,MIL,A1,Espresso beans,coffee,1,99.00",
    ]);
    expect(outcome.ok).toBe(false);
    expect(await ledger()).toEqual(before);
  });
});
