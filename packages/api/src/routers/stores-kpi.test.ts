import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildCustomerFeatures, type DbHandle } from "@boomerang/db";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { storeDetailCsv } from "../services/stores/get-store-detail";
import { callerFor } from "../test/caller";

const june = { from: "2025-06-01", to: "2025-06-30" };
const now = new Date("2025-07-01T12:00:00Z");

describe.each(testDrivers())("store KPI procedures on $name", (driver) => {
  let handle: DbHandle;
  let ids: { milano: number; roma: number; torino: number; admin: number; manager: number };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_store_kpis");
    const db = handle.db;
    await makeBusiness(db, { timezone: "Europe/Rome", churnWindowDays: 60 });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    const torino = (await makeStore(db, { name: "Torino" })).id;
    const a = await makeCustomer(db, { homeStoreId: milano });
    const b = await makeCustomer(db, { homeStoreId: roma });
    await makeOrder(db, {
      customerId: a.id,
      storeId: milano,
      placedAt: new Date("2025-06-10T10:00:00Z"),
      total: 4000,
    });
    // 23:30 in Rome on 31 May is still May in the business time zone, whatever UTC says.
    await makeOrder(db, {
      customerId: a.id,
      storeId: milano,
      placedAt: new Date("2025-05-31T21:30:00Z"),
      total: 500,
    });
    await makeOrder(db, {
      customerId: b.id,
      storeId: roma,
      placedAt: new Date("2025-06-11T10:00:00Z"),
      total: 6000,
    });
    // Last seen 2025-04-15: with the business's 60-day churn window, churned on 2025-06-14.
    const gone = await makeCustomer(db, { homeStoreId: roma });
    await makeOrder(db, {
      customerId: gone.id,
      storeId: roma,
      placedAt: new Date("2025-04-15T10:00:00Z"),
      total: 100,
    });
    await rebuildCustomerFeatures(db, now);
    ids = {
      milano,
      roma,
      torino,
      admin: (await makeUser(db, { role: "admin" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("lists every store with the period against the previous one, its rank and the chain average", async () => {
    const api = await callerFor(handle.db, ids.admin, now);
    const list = await api.storeKpis.list({ range: june });
    expect(
      list.rows.map((r) => [r.store.name, r.current.revenue, r.previous.revenue, r.rank]),
    ).toEqual([
      ["Milano", 4000, 500, 2],
      ["Roma", 6000, 0, 1],
      ["Torino", 0, 0, 3],
    ]);
    expect(list.chainAverage?.revenue).toBeCloseTo(10000 / 3);
    expect(list.rows.find((r) => r.store.name === "Roma")?.current.churnedCustomers).toBe(1);
    const milano = list.rows.find((r) => r.store.name === "Milano")!;
    expect(milano.sparkline).toHaveLength(12);
    expect(milano.sparkline.slice(-2)).toEqual([
      { month: "2025-05-01", revenue: 500 },
      { month: "2025-06-01", revenue: 4000 },
    ]);
  });

  it("gives a store manager only their store's figures, with its rank and the chain average", async () => {
    const api = await callerFor(handle.db, ids.manager, now);
    const list = await api.storeKpis.list({ range: june });
    expect(list.rows.map((r) => r.store.id)).toEqual([ids.milano]);
    // Ranked among all three stores; the average is over all three, not just Milano.
    expect(list.rows[0]?.rank).toBe(2);
    expect(list.storeCount).toBe(3);
    expect(list.chainAverage?.revenue).toBeCloseTo(10000 / 3);
    expect(JSON.stringify(list)).not.toContain("Roma");
    const detail = await api.storeKpis.get({ range: june, storeId: ids.milano });
    expect(detail.current.revenue).toBe(4000);
    expect(detail.rank).toBe(2);
    expect(detail.storeCount).toBe(3);
    expect(detail.chainAverage?.revenue).toBeCloseTo(10000 / 3);
    expect(detail.chainAverage?.orders).toBeCloseTo(2 / 3);
  });

  it("shows one store in depth with a twelve-month trend and exports it as CSV", async () => {
    const api = await callerFor(handle.db, ids.admin, now);
    const detail = await api.storeKpis.get({ range: june, storeId: ids.milano });
    expect(detail.rank).toBe(2);
    expect(detail.storeCount).toBe(3);
    expect(detail.trend.map((t) => t.month)[11]).toBe("2025-06-01");
    expect(detail.trend[11]).toEqual({
      month: "2025-06-01",
      revenue: 4000,
      orders: 1,
      activeCustomers: 1,
    });
    expect(detail.cohorts).toEqual([
      { month: "2025-05-01", customers: 1, active: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    ]);
    const csv = storeDetailCsv(detail).split("\n");
    expect(csv[0]).toBe("kpi,2025-06-01 to 2025-06-30,2025-05-01 to 2025-05-31,chain_average");
    expect(csv).toContain(`revenue_minor_units,4000,500,${10000 / 3}`);
    expect(csv).toContain("2025-06-01,4000,1,1");
  });

  it("answers an unknown store with NOT_FOUND", async () => {
    const api = await callerFor(handle.db, ids.admin, now);
    await expect(api.storeKpis.get({ range: june, storeId: 99999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe.each(testDrivers())("a store manager in a two-store chain on $name", (driver) => {
  let handle: DbHandle;
  let manager = 0;
  let milano = 0;

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_store_kpis_two");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    for (const [storeId, total] of [
      [milano, 4000],
      [roma, 6000],
    ] as const) {
      const c = await makeCustomer(db, { homeStoreId: storeId });
      await makeOrder(db, {
        customerId: c.id,
        storeId,
        placedAt: new Date("2025-06-10T10:00:00Z"),
        total,
      });
    }
    await rebuildCustomerFeatures(db, now);
    manager = (await makeUser(db, { role: "store_manager", storeId: milano })).id;
  });
  afterAll(async () => handle?.close());

  it("sees no rank or average, which would give the other store's figures away", async () => {
    const api = await callerFor(handle.db, manager, now);
    const list = await api.storeKpis.list({ range: june });
    expect(list.rows.map((r) => [r.store.id, r.current.revenue, r.rank])).toEqual([
      [milano, 4000, null],
    ]);
    expect(list.chainAverage).toBeNull();
    const detail = await api.storeKpis.get({ range: june, storeId: milano });
    expect(detail).toMatchObject({ rank: null, storeCount: null, chainAverage: null });
  });
});
