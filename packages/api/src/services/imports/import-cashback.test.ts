import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrollments, programs, programVersions, queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");
const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";

// Cashback with a monthly minimum counts each order into the month it was placed in; an import's
// edit of an order from an earlier month must not take it off the current month.
describe.each(testDrivers())("imports and a cashback monthly minimum on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  const importOrders = async (rows: string[]) =>
    (await importLines(handle.db, { userId, kind: "orders", lines: [header, ...rows], now }))
      .outcome;
  const monthSpend = async () =>
    (
      await queryRows<{ spend: number }>(
        handle.db,
        sql`select (state->'ext'->>'monthSpend')::int as spend from enrollments`,
      )
    )[0]!.spend;

  beforeAll(async () => {
    handle = await openTestDb(driver, "import_cashback");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    const carla = await makeCustomer(handle.db, { externalId: "CARLA" });
    const [program] = await handle.db
      .insert(programs)
      .values({ name: "Cashback", type: "cashback", status: "active" })
      .returning();
    await handle.db.insert(programVersions).values({
      programId: program!.id,
      version: 1,
      config: { monthlyMinimum: 10_000, pendingDays: 0 },
    });
    await handle.db.insert(enrollments).values({
      programId: program!.id,
      customerId: carla.id,
      isControl: false,
      enrolledAt: new Date("2024-01-01T00:00:00Z"),
    });
  }, 60_000);
  afterAll(() => handle.close());

  it("an edit of a January order leaves February's spend alone", async () => {
    expect(
      await importOrders([
        "J-1,CARLA,2025-01-20 10:00,MIL,A1,Beans,coffee,1,60.00",
        "F-1,CARLA,2025-02-10 10:00,MIL,A1,Beans,coffee,1,60.00",
      ]),
    ).toMatchObject({ ok: true });
    expect(await monthSpend()).toBe(6_000);
    expect(
      await importOrders(["J-1,CARLA,2025-01-20 10:00,MIL,A1,Beans,coffee,1,61.00"]),
    ).toMatchObject({ ok: true, counts: { updated: 1 } });
    expect(await monthSpend()).toBe(6_000);
    // February reaches its 100.00 minimum with F-2, which earns its cashback.
    expect(
      await importOrders(["F-2,CARLA,2025-02-12 10:00,MIL,A1,Beans,coffee,1,45.00"]),
    ).toMatchObject({ ok: true });
    expect(await monthSpend()).toBe(10_500);
    const [f2] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from ledger_entries l join orders o on o.id = l.order_id
          where o.external_id = 'F-2' and l.kind = 'earn'`,
    );
    expect(f2!.n).toBe(1);
  });
});
