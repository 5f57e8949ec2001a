import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateComparison, comparisonInput } from "@boomerang/domain/simulation";
import type { DbHandle } from "../../client";
import { orderItems } from "../../schema/orders";
import { makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { loadOrderHistory } from "./order-history";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const period = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-07-01T00:00:00Z") };

describe.each(testDrivers())("order history for the simulator on $name", (driver) => {
  let handle: DbHandle;
  let storeA: number;
  let storeB: number;
  let anna: number;
  let bruno: number;

  beforeAll(async () => {
    handle = await openTestDb(driver, "simulation_history");
    const db = handle.db;
    storeA = (await makeStore(db)).id;
    storeB = (await makeStore(db)).id;
    anna = (await makeCustomer(db, { homeStoreId: storeA })).id;
    bruno = (await makeCustomer(db, { homeStoreId: storeB })).id;
    // Inserted out of time order on purpose; one before and one after the period.
    await makeOrder(db, {
      customerId: anna,
      storeId: storeA,
      placedAt: at("2025-03-01"),
      total: 3000,
    });
    const first = await makeOrder(db, {
      customerId: anna,
      storeId: storeB,
      placedAt: at("2025-01-15"),
      total: 2000,
      discount: 500,
    });
    await makeOrder(db, {
      customerId: anna,
      storeId: storeA,
      placedAt: at("2024-12-31"),
      total: 9000,
    });
    await makeOrder(db, {
      customerId: bruno,
      storeId: storeB,
      placedAt: at("2025-02-02"),
      total: 1000,
    });
    await makeOrder(db, {
      customerId: bruno,
      storeId: storeB,
      placedAt: at("2025-07-01"),
      total: 1000,
    });
    await db.insert(orderItems).values([
      {
        orderId: first.id,
        sku: "c1",
        name: "Coffee",
        category: "coffee",
        quantity: 1,
        unitPrice: 1500,
      },
      {
        orderId: first.id,
        sku: "p1",
        name: "Pastry",
        category: "bakery",
        quantity: 1,
        unitPrice: 1000,
      },
    ]);
  });
  afterAll(async () => handle?.close());

  it("gives the period's orders as columns, customer by customer in time order, before discounts", async () => {
    const h = await loadOrderHistory(handle.db, { ...period, storeId: null });
    expect(h.customerIds).toEqual([String(anna), String(bruno)]);
    expect(h.offsets).toEqual([0, 2, 3]);
    expect(h.at).toEqual([
      at("2025-01-15").getTime(),
      at("2025-03-01").getTime(),
      at("2025-02-02").getTime(),
    ]);
    expect(h.amount).toEqual([2500, 3000, 1000]);
    expect(h.storeIds).toEqual([String(storeB), String(storeA), String(storeB)]);
    expect(h.categories).toBeUndefined();
  });

  it("targets one store's home customers and adds categories when asked", async () => {
    const h = await loadOrderHistory(handle.db, {
      ...period,
      storeId: storeA,
      withCategories: true,
    });
    expect(h.customerIds).toEqual([String(anna)]);
    expect(h.categories).toEqual([["bakery", "coffee"], []]);
  });

  it("feeds the simulator directly", async () => {
    const h = await loadOrderHistory(handle.db, { ...period, storeId: null });
    const input = comparisonInput.parse({
      candidates: [
        { label: "Points", typeId: "points", params: { pendingDays: 0 } },
        {
          label: "Tiers",
          typeId: "tiered-discount",
          params: { levels: [{ spend: 2_000, percentOff: 10 }] },
        },
      ],
      resamples: 20,
    });
    const result = simulateComparison(input, h, {
      from: period.from.getTime(),
      to: period.to.getTime(),
    });
    if (!result.ok) throw new Error(result.errors.join("; "));
    // Tiers: Anna's second order (30.00) gets 10% after 25.00 spent.
    expect(result.value.candidates[1]?.metrics.rewardCost).toBe(300);
    expect(result.value.candidates[0]?.metrics.members).toBe(2);
  });

  // Last: it adds a customer the tests above do not expect.
  it("targets a saved segment's members, evaluated at the period's start", async () => {
    // Signed up within 30 days of the period's start: Carla (mid-December), not Anna or Bruno
    // (January 2024); measured from today instead, nobody would match.
    const carla = (
      await makeCustomer(handle.db, {
        homeStoreId: storeB,
        signedUpAt: new Date("2024-12-15T00:00:00Z"),
      })
    ).id;
    await makeOrder(handle.db, {
      customerId: carla,
      storeId: storeB,
      placedAt: at("2025-02-10"),
      total: 4000,
    });
    const recent = { kind: "signedUpWithin" as const, days: 30 };
    const h = await loadOrderHistory(handle.db, {
      ...period,
      storeId: null,
      segment: { kind: "and", children: [recent] },
    });
    expect(h.customerIds).toEqual([String(carla)]);
    expect(h.amount).toEqual([4000]);
    // Segment and home store together: Carla's home store is B, so store A leaves nobody.
    const none = await loadOrderHistory(handle.db, {
      ...period,
      storeId: storeA,
      segment: { kind: "and", children: [recent] },
    });
    expect(none.customerIds).toEqual([]);
    // A rule on the home store picks Anna alone.
    const homeA = await loadOrderHistory(handle.db, {
      ...period,
      storeId: null,
      segment: { kind: "and", children: [{ kind: "homeStore", storeIds: [storeA] }] },
    });
    expect(homeA.customerIds).toEqual([String(anna)]);
  });
});
