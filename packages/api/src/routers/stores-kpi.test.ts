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
import { managerDigits, roundToSignificant } from "../services/stores/chain-summary";
import { storeDetailCsv } from "../services/stores/get-store-detail";
import { callerFor } from "../test/caller";

const june = { from: "2025-06-01", to: "2025-06-30" };
const now = new Date("2025-07-01T12:00:00Z");

describe.each(testDrivers())("store KPI procedures on $name", (driver) => {
  let handle: DbHandle;
  let ids: {
    milano: number;
    roma: number;
    napoli: number;
    torino: number;
    admin: number;
    manager: number;
  };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_store_kpis");
    const db = handle.db;
    await makeBusiness(db, { timezone: "Europe/Rome", churnWindowDays: 60 });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    const napoli = (await makeStore(db, { name: "Napoli" })).id;
    // Sells nothing in June: not part of the average store.
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
    const c = await makeCustomer(db, { homeStoreId: napoli });
    await makeOrder(db, {
      customerId: c.id,
      storeId: napoli,
      placedAt: new Date("2025-06-12T10:00:00Z"),
      total: 2000,
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
      napoli,
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
      ["Napoli", 2000, 0, 3],
      ["Roma", 6000, 0, 1],
      ["Torino", 0, 0, 4],
    ]);
    // The average store is over the three that sold: a closed store would drag it towards zero.
    expect(list.chainAverage?.revenue).toBeCloseTo(12000 / 3);
    expect(list.chainAverage?.orders).toBeCloseTo(1);
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
    // Ranked among all four stores; the average is over the three that sold, not just Milano.
    expect(list.rows[0]?.rank).toBe(2);
    expect(list.storeCount).toBe(4);
    expect(list.chainAverage?.revenue).toBeCloseTo(12000 / 3);
    expect(JSON.stringify(list)).not.toContain("Roma");
    const detail = await api.storeKpis.get({ range: june, storeId: ids.milano });
    expect(detail.current.revenue).toBe(4000);
    expect(detail.rank).toBe(2);
    expect(detail.storeCount).toBe(4);
    expect(detail.chainAverage?.revenue).toBeCloseTo(12000 / 3);
    expect(detail.chainAverage?.orders).toBeCloseTo(1);
  });

  it("hides from a store manager each average fewer than two other stores have a value for, and rounds the rest", async () => {
    const admin = await callerFor(handle.db, ids.admin, now);
    const everyStore = await admin.storeKpis.list({ range: june });
    const others = everyStore.rows.filter((r) => r.store.id !== ids.milano && r.current.orders > 0);
    const manager = await callerFor(handle.db, ids.manager, now);
    const average = (await manager.storeKpis.list({ range: june })).chainAverage!;
    const names = Object.keys(average) as (keyof typeof average)[];
    const hidden = names.filter(
      (name) => others.filter((r) => r.current[name] !== null).length < 2,
    );
    // Napoli's only customer is new, so it has no repeat rate: Milano's and Roma's would be the
    // average's only other input, and Milano's manager could work Roma's out.
    expect(hidden.length).toBeGreaterThan(0);
    for (const name of names) {
      if (hidden.includes(name)) expect(average[name], name).toBeNull();
      else
        expect(average[name], name).toBe(
          roundToSignificant(everyStore.chainAverage![name]!, managerDigits),
        );
    }
  });

  it("shows one store in depth with a twelve-month trend and exports it as CSV", async () => {
    const api = await callerFor(handle.db, ids.admin, now);
    const detail = await api.storeKpis.get({ range: june, storeId: ids.milano });
    expect(detail.rank).toBe(2);
    expect(detail.storeCount).toBe(4);
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
    const csv = storeDetailCsv(detail).split("\r\n");
    expect(csv[0]).toBe("kpi,2025-06-01 to 2025-06-30,2025-05-01 to 2025-05-31,chain_average");
    expect(csv).toContain(`revenue_minor_units,4000,500,${12000 / 3}`);
    expect(csv).toContain("2025-06-01,4000,1,1");
  });

  it("answers an unknown store with NOT_FOUND", async () => {
    const api = await callerFor(handle.db, ids.admin, now);
    await expect(api.storeKpis.get({ range: june, storeId: 99999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe.each(testDrivers())(
  "a store manager with one other store that sold, on $name",
  (driver) => {
    let handle: DbHandle;
    let manager = 0;
    let milano = 0;

    beforeAll(async () => {
      handle = await openTestDb(driver, "api_store_kpis_two");
      const db = handle.db;
      await makeBusiness(db, { timezone: "UTC" });
      milano = (await makeStore(db, { name: "Milano" })).id;
      const roma = (await makeStore(db, { name: "Roma" })).id;
      // A third store that sold nothing (closed, say): it hides nothing of Roma's.
      await makeStore(db, { name: "Torino" });
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
  },
);
