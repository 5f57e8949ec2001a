import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { makeCustomer, makeOrder, makeStore } from "../testing/factories";
import { openTestDb, testDrivers } from "../testing/test-db";
import { monthlyRevenueSplit, overviewKpis } from "./overview";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe.each(testDrivers())("overview queries on $name", (driver) => {
  let handle: DbHandle;
  let storeA: number;
  let storeB: number;

  beforeAll(async () => {
    handle = await openTestDb(driver, "overview_queries");
    const db = handle.db;
    storeA = (await makeStore(db)).id;
    storeB = (await makeStore(db)).id;
    // Anna: first order in May, two in June (one at each store) → returning in June.
    const anna = await makeCustomer(db, { homeStoreId: storeA, signedUpAt: at("2025-05-01") });
    await makeOrder(db, {
      customerId: anna.id,
      storeId: storeA,
      placedAt: at("2025-05-10"),
      total: 2000,
    });
    await makeOrder(db, {
      customerId: anna.id,
      storeId: storeA,
      placedAt: at("2025-06-03"),
      total: 3000,
    });
    await makeOrder(db, {
      customerId: anna.id,
      storeId: storeB,
      placedAt: at("2025-06-20"),
      total: 1000,
    });
    // Bruno: one order in June, new.
    const bruno = await makeCustomer(db, { homeStoreId: storeB, signedUpAt: at("2025-06-01") });
    await makeOrder(db, {
      customerId: bruno.id,
      storeId: storeB,
      placedAt: at("2025-06-15"),
      total: 5000,
      discount: 500,
    });
    // Carla: signed up in July, no orders yet; after the June period ends.
    await makeCustomer(db, { homeStoreId: storeA, signedUpAt: at("2025-07-02") });
  });
  afterAll(async () => handle?.close());

  const june = { from: new Date("2025-06-01T00:00:00Z"), to: new Date("2025-07-01T00:00:00Z") };

  it("computes June's figures for the whole business as worked out by hand", async () => {
    const k = await overviewKpis(handle.db, { ...june, storeId: null });
    expect(k).toEqual({
      customers: 2, // Carla signed up after June
      newCustomers: 1, // Bruno
      activeCustomers: 2,
      orders: 3,
      revenue: 9000,
      averageOrderValue: 3000,
      repeatPurchaseRate: 0.5, // Anna has 3 orders, Bruno 1
    });
  });

  it("scopes every figure to one store's orders and home customers", async () => {
    const k = await overviewKpis(handle.db, { ...june, storeId: storeB });
    expect(k).toEqual({
      customers: 1, // Bruno's home store is B
      newCustomers: 2, // at store B, both Anna and Bruno bought for the first time in June
      activeCustomers: 2,
      orders: 2,
      revenue: 6000,
      averageOrderValue: 3000,
      repeatPurchaseRate: 0,
    });
  });

  it("gives zeros, not errors, for an empty period", async () => {
    const k = await overviewKpis(handle.db, {
      from: new Date("2020-01-01"),
      to: new Date("2020-02-01"),
      storeId: null,
    });
    expect(k.orders).toBe(0);
    expect(k.repeatPurchaseRate).toBe(0);
    expect(k.averageOrderValue).toBe(0);
  });

  it("splits monthly revenue into first orders and later orders", async () => {
    const rows = await monthlyRevenueSplit(handle.db, {
      from: new Date("2025-05-01T00:00:00Z"),
      to: new Date("2025-07-01T00:00:00Z"),
      storeId: null,
      timezone: "UTC",
    });
    expect(rows).toEqual([
      {
        month: "2025-05-01",
        newRevenue: 2000,
        returningRevenue: 0,
        newCustomers: 1,
        returningCustomers: 0,
      },
      {
        month: "2025-06-01",
        newRevenue: 5000,
        returningRevenue: 4000,
        newCustomers: 1,
        returningCustomers: 1,
      },
    ]);
  });

  it("buckets months in the business's time zone", async () => {
    // 2025-05-31 23:30 UTC is already June 1st in Rome.
    const db = handle.db;
    const dora = await makeCustomer(db, { signedUpAt: at("2025-05-01") });
    await makeOrder(db, {
      customerId: dora.id,
      placedAt: new Date("2025-05-31T23:30:00Z"),
      total: 700,
    });
    const rome = await monthlyRevenueSplit(db, {
      from: new Date("2025-05-31T22:00:00Z"),
      to: new Date("2025-06-01T22:00:00Z"),
      storeId: null,
      timezone: "Europe/Rome",
    });
    expect(rome.map((r) => r.month)).toEqual(["2025-06-01"]);
    expect(rome[0]?.newRevenue).toBe(700);
  });
});
