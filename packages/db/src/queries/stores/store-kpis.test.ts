import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import {
  enrollments,
  ledgerEntries,
  programs,
  segments,
  segmentSnapshotMembers,
  segmentSnapshots,
} from "../../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { storeKpis } from "./store-kpis";
import { storeProgramResults } from "./store-programs";
import { storeTopSegments } from "./store-segments";
import { storeCohorts, storeMonthlyTrends } from "./store-trends";

const at = (iso: string) => new Date(iso);
const june = { from: at("2025-06-01T00:00:00Z"), to: at("2025-07-01T00:00:00Z") };
const now = at("2025-12-01T00:00:00Z");

describe.each(testDrivers())("store KPIs on $name", (driver) => {
  let handle: DbHandle;
  let milano = 0;
  let roma = 0;
  let quiet = 0;

  beforeAll(async () => {
    handle = await openTestDb(driver, "db_store_kpis");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    milano = (await makeStore(db, { name: "Milano" })).id;
    roma = (await makeStore(db, { name: "Roma" })).id;
    quiet = (await makeStore(db, { name: "Quiet" })).id;
    // Anna: first purchase in Milano in June, back within 90 days (July).
    const anna = await makeCustomer(db, { homeStoreId: milano });
    const annaJune = await makeOrder(db, {
      customerId: anna.id,
      storeId: milano,
      placedAt: at("2025-06-05T10:00:00Z"),
      total: 3000,
    });
    await makeOrder(db, {
      customerId: anna.id,
      storeId: roma,
      placedAt: at("2025-07-10T10:00:00Z"),
      total: 1000,
    });
    // Bruno: a returning customer (first purchase in March), twice in Milano in June.
    const bruno = await makeCustomer(db, { homeStoreId: milano });
    await makeOrder(db, {
      customerId: bruno.id,
      storeId: milano,
      placedAt: at("2025-03-01T10:00:00Z"),
      total: 2000,
    });
    await makeOrder(db, {
      customerId: bruno.id,
      storeId: milano,
      placedAt: at("2025-06-10T10:00:00Z"),
      total: 5000,
    });
    await makeOrder(db, {
      customerId: bruno.id,
      storeId: milano,
      placedAt: at("2025-06-20T10:00:00Z"),
      total: 1000,
    });
    // Carla: first and only purchase in Milano in June: new, not repeating, not retained.
    const carla = await makeCustomer(db, { homeStoreId: milano });
    await makeOrder(db, {
      customerId: carla.id,
      storeId: milano,
      placedAt: at("2025-06-15T10:00:00Z"),
      total: 1000,
    });
    // Dario: a Milano home customer last seen on 2025-03-10: with a 90-day window he churns on 2025-06-08.
    const dario = await makeCustomer(db, { homeStoreId: milano });
    await makeOrder(db, {
      customerId: dario.id,
      storeId: milano,
      placedAt: at("2025-03-10T10:00:00Z"),
      total: 4000,
    });
    // Elena: Roma only.
    const elena = await makeCustomer(db, { homeStoreId: roma });
    await makeOrder(db, {
      customerId: elena.id,
      storeId: roma,
      placedAt: at("2025-06-12T10:00:00Z"),
      total: 7000,
    });

    const [program] = await db
      .insert(programs)
      .values({ name: "Points", type: "points", status: "active" })
      .returning();
    await db
      .insert(programs)
      .values({ name: "Roma only", type: "points", status: "active", storeIds: [roma] });
    await db.insert(programs).values({ name: "Draft", type: "points" });
    const [loyal, big] = await db
      .insert(segments)
      .values([
        { name: "Loyal", rules: {} },
        { name: "Big", rules: {} },
      ])
      .returning();
    const [oldLoyal] = await db
      .insert(segmentSnapshots)
      .values({
        segmentId: loyal!.id,
        segmentVersion: 1,
        asOf: at("2025-05-01T00:00:00Z"),
        memberCount: 3,
      })
      .returning();
    const [newLoyal] = await db
      .insert(segmentSnapshots)
      .values({
        segmentId: loyal!.id,
        segmentVersion: 1,
        asOf: at("2025-06-01T00:00:00Z"),
        memberCount: 1,
      })
      .returning();
    const [bigSnap] = await db
      .insert(segmentSnapshots)
      .values({
        segmentId: big!.id,
        segmentVersion: 1,
        asOf: at("2025-06-01T00:00:00Z"),
        memberCount: 3,
      })
      .returning();
    await db
      .insert(segmentSnapshotMembers)
      .values([
        ...[anna, bruno, carla].map((c) => ({ snapshotId: oldLoyal!.id, customerId: c.id })),
        { snapshotId: newLoyal!.id, customerId: anna.id },
        ...[anna, bruno, elena].map((c) => ({ snapshotId: bigSnap!.id, customerId: c.id })),
      ]);
    await db.insert(enrollments).values([
      {
        programId: program!.id,
        customerId: anna.id,
        isControl: false,
        enrolledAt: at("2025-06-05T10:00:00Z"),
      },
      {
        programId: program!.id,
        customerId: bruno.id,
        isControl: true,
        enrolledAt: at("2025-06-05T10:00:00Z"),
      },
    ]);
    await db.insert(ledgerEntries).values([
      {
        programId: program!.id,
        customerId: anna.id,
        kind: "earn",
        unit: "points",
        amount: 300,
        orderId: annaJune.id,
        effectiveAt: at("2025-06-05T10:00:00Z"),
      },
      {
        programId: program!.id,
        customerId: anna.id,
        kind: "redeem",
        unit: "points",
        amount: -100,
        effectiveAt: at("2025-06-25T10:00:00Z"),
      },
      {
        programId: program!.id,
        customerId: anna.id,
        kind: "earn",
        unit: "points",
        amount: 999,
        effectiveAt: at("2025-07-02T10:00:00Z"),
      },
    ]);
    await rebuildCustomerFeatures(db, now);
  });
  afterAll(async () => handle?.close());

  const kpisFor = async (storeId: number | null) =>
    storeKpis(handle.db, { ...june, storeId, churnWindowDays: 90, now }, "UTC");

  it("counts a store's month: sales, new vs returning, repeaters, retention, churn, CLV, programs", async () => {
    const [m] = await kpisFor(milano);
    expect(m).toEqual({
      storeId: milano,
      revenue: 10000,
      orders: 4,
      activeCustomers: 3,
      newCustomers: 2, // Anna, Carla
      returningCustomers: 1, // Bruno
      repeatPurchaseRate: 1 / 3, // Bruno; Anna's second purchase is after June
      retention90: 1 / 2, // Anna came back within 90 days, Carla did not
      averageOrderValue: 2500,
      churnedCustomers: 1, // Dario
      historicalClv: Math.round((3000 + 8000 + 1000) / 3), // up to the end of June only
      programMembers: 1, // Anna; Bruno is in the control group
      pointsIssued: 300,
      pointsRedeemed: 100, // no order: attributed to Anna's home store
      redemptionRate: 1 / 3,
    });
  });

  it("gives every store a row, the ones without activity included, and keeps stores apart", async () => {
    const all = await kpisFor(null);
    expect(all.map((k) => k.storeId)).toEqual([milano, roma, quiet]);
    const r = all.find((k) => k.storeId === roma)!;
    expect(r).toMatchObject({
      revenue: 7000,
      orders: 1,
      activeCustomers: 1,
      newCustomers: 1,
      pointsIssued: 0,
    });
    const q = all.find((k) => k.storeId === quiet)!;
    expect(q).toMatchObject({
      revenue: 0,
      orders: 0,
      activeCustomers: 0,
      repeatPurchaseRate: 0,
      retention90: null,
      redemptionRate: null,
    });
    expect(all.find((k) => k.storeId === milano)).toEqual((await kpisFor(milano))[0]);
  });

  it("leaves 90-day retention open while the new customers' 90 days are not over", async () => {
    const [m] = await storeKpis(
      handle.db,
      { ...june, storeId: milano, churnWindowDays: 90, now: at("2025-08-01T00:00:00Z") },
      "UTC",
    );
    expect(m?.retention90).toBeNull();
  });

  it("trends revenue, orders and active customers per store and month", async () => {
    const months = await storeMonthlyTrends(handle.db, {
      from: at("2025-01-01T00:00:00Z"),
      to: at("2026-01-01T00:00:00Z"),
      storeId: milano,
      timezone: "UTC",
    });
    expect(months).toEqual([
      { storeId: milano, month: "2025-03-01", revenue: 6000, orders: 2, activeCustomers: 2 },
      { storeId: milano, month: "2025-06-01", revenue: 10000, orders: 4, activeCustomers: 3 },
    ]);
  });

  it("builds the store's home-customer cohorts by first purchase month", async () => {
    const cohorts = await storeCohorts(handle.db, {
      storeId: milano,
      fromMonth: "2025-01-01",
      toMonth: "2025-12-01",
      months: 4,
    });
    expect(cohorts).toEqual([
      { month: "2025-03-01", customers: 2, active: [2, 0, 0, 1] }, // Bruno and Dario; Bruno back in June
      { month: "2025-06-01", customers: 2, active: [2, 1, 0, 0] }, // Anna and Carla; Anna back in July
    ]);
  });

  it("reports the results of the programs that run in the store, drafts and other stores' programs left out", async () => {
    const results = await storeProgramResults(handle.db, { storeId: milano, ...june });
    expect(results).toEqual([
      {
        programId: expect.any(Number),
        name: "Points",
        type: "points",
        status: "active",
        members: 1,
        pointsIssued: 300,
        pointsRedeemed: 100,
      },
    ]);
  });

  it("ranks segments by the store's home customers in each segment's latest snapshot", async () => {
    const top = await storeTopSegments(handle.db, { storeId: milano, limit: 5 });
    expect(top.map((t) => [t.name, t.members, t.asOf])).toEqual([
      ["Big", 2, "2025-06-01T00:00:00Z"], // Anna and Bruno; Elena is Roma's
      ["Loyal", 1, "2025-06-01T00:00:00Z"], // the May snapshot no longer counts
    ]);
  });
});
