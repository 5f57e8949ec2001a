import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { queryRows } from "../queries/rows";
import { customers } from "../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../testing/factories";
import { openTestDb, testDrivers } from "../testing/test-db";
import { rebuildCustomerFeatures } from "./refresh-activity";

describe.each(testDrivers())("a customer's home store in customer_features on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "features_home_store_follow");
  });
  afterAll(async () => handle?.close());

  it("follows a move to another store at once, without waiting for the customer's next order", async () => {
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    const moving = await makeCustomer(db, { homeStoreId: milano });
    const staying = await makeCustomer(db, { homeStoreId: milano });
    for (const c of [moving, staying])
      await makeOrder(db, { customerId: c.id, placedAt: new Date("2025-03-01T10:00:00Z") });
    await rebuildCustomerFeatures(db, new Date("2025-04-01T00:00:00Z"));
    const homes = async () =>
      queryRows<{ id: number; store: number | null }>(
        db,
        sql`select customer_id::int as id, home_store_id::int as store from customer_features order by 1`,
      );
    expect(await homes()).toEqual([
      { id: moving.id, store: milano },
      { id: staying.id, store: milano },
    ]);

    // As the API's customer upsert or a customers import does it.
    await db.update(customers).set({ homeStoreId: roma }).where(eq(customers.id, moving.id));
    expect(await homes()).toEqual([
      { id: moving.id, store: roma },
      { id: staying.id, store: milano },
    ]);
    await db.update(customers).set({ homeStoreId: null }).where(eq(customers.id, moving.id));
    expect(await homes()).toEqual([
      { id: moving.id, store: null },
      { id: staying.id, store: milano },
    ]);
  });
});
