import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../client";
import { enrollments, programs } from "../../schema/programs";
import { makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { controlledLiftGroups, retentionCurveCounts } from "./controlled-lift";
import { diffInDiffGroups } from "./diff-in-diff";
import { measuredPrograms } from "./measured-programs";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const noon = (iso: string) => new Date(`${iso}T12:00:00Z`);
const now = new Date("2025-07-01T00:00:00Z");

describe.each(testDrivers())("measured lift queries on $name", (driver) => {
  let handle: DbHandle;
  let withControl: number;
  let withoutControl: number;

  beforeAll(async () => {
    handle = await openTestDb(driver, "lift_queries");
    const db = handle.db;
    const storeA = (await makeStore(db)).id;
    const storeB = (await makeStore(db)).id;
    const [p1, p2] = await db
      .insert(programs)
      .values([
        {
          name: "Points with control",
          type: "points",
          status: "ended",
          controlShareBp: 1000,
          activatedAt: day("2025-01-01"),
          endedAt: day("2025-06-01"),
        },
        {
          name: "Stamps everywhere",
          type: "stamp-card",
          status: "active",
          controlShareBp: 0,
          activatedAt: day("2025-03-01"),
        },
      ])
      .returning();
    await db
      .insert(programs)
      .values({ name: "Never ran", type: "points", status: "draft", controlShareBp: 1000 });
    withControl = p1!.id;
    withoutControl = p2!.id;

    // Program 1, a 4-week window from 1 January; it ended on 1 June.
    const enrol = async (programId: number, isControl: boolean, at: Date, homeStoreId?: number) => {
      const c = await makeCustomer(db, homeStoreId ? { homeStoreId } : {});
      await db
        .insert(enrollments)
        .values({ programId, customerId: c.id, isControl, enrolledAt: at });
      return c.id;
    };
    const m1 = await enrol(withControl, false, day("2025-01-01"));
    const m2 = await enrol(withControl, false, day("2025-01-01"));
    const m3 = await enrol(withControl, false, day("2025-01-01"));
    await enrol(withControl, false, day("2025-01-01"));
    const m5 = await enrol(withControl, false, day("2025-05-20"));
    const c1 = await enrol(withControl, true, day("2025-01-01"));
    await enrol(withControl, true, day("2025-01-01"));
    await makeOrder(db, { customerId: m1, placedAt: noon("2025-01-05"), total: 1000 });
    await makeOrder(db, { customerId: m1, placedAt: noon("2025-01-10"), total: 2000 });
    await makeOrder(db, { customerId: m2, placedAt: noon("2025-01-20"), total: 500 });
    // At the enrolment instant (not a repeat) and after the window: neither counts.
    await makeOrder(db, { customerId: m3, placedAt: day("2025-01-01"), total: 700 });
    await makeOrder(db, { customerId: m3, placedAt: noon("2025-02-15"), total: 700 });
    await makeOrder(db, { customerId: m5, placedAt: noon("2025-05-22"), total: 900 });
    await makeOrder(db, { customerId: c1, placedAt: noon("2025-01-14"), total: 1000 });

    // Program 2, no control group, launched 1 March: windows (1 Feb, 1 Mar] and (1 Mar, 29 Mar].
    const d1 = await enrol(withoutControl, false, day("2025-03-01"), storeA);
    const d2 = await enrol(withoutControl, false, day("2025-03-01"), storeA);
    const late = await enrol(withoutControl, false, day("2025-04-01"), storeA);
    const n1 = (await makeCustomer(db, { homeStoreId: storeA })).id;
    const n2 = (await makeCustomer(db, { homeStoreId: storeA })).id;
    const inactive = (await makeCustomer(db, { homeStoreId: storeA })).id;
    const elsewhere = (await makeCustomer(db, { homeStoreId: storeB })).id;
    const orders: [number, string, number][] = [
      [d1, "2025-02-10", 1000],
      [d1, "2025-03-05", 1000],
      [d1, "2025-03-10", 1000],
      [d2, "2025-01-10", 500],
      [d2, "2025-03-15", 2000],
      [late, "2025-02-10", 5000],
      [n1, "2025-02-20", 1000],
      [n1, "2025-03-20", 1000],
      [n2, "2025-02-05", 1000],
      [n2, "2025-02-25", 1000],
      [inactive, "2025-03-20", 1000],
      [elsewhere, "2025-02-10", 1000],
      [elsewhere, "2025-03-10", 9000],
    ];
    for (const [customerId, at, total] of orders)
      await makeOrder(db, { customerId, placedAt: noon(at), total });
  });
  afterAll(async () => handle?.close());

  it("lists the programs that have run, measured up to their end", async () => {
    const list = await measuredPrograms(handle.db, now);
    expect(
      list.map((p) => [p.name, p.until.toISOString(), p.enrolledCustomers, p.controlCustomers]),
    ).toEqual([
      ["Points with control", "2025-06-01T00:00:00.000Z", 7, 2],
      ["Stamps everywhere", "2025-07-01T00:00:00.000Z", 3, 0],
    ]);
  });

  it("summarises members and control on the same window after enrolling", async () => {
    const rows = await controlledLiftGroups(handle.db, {
      programIds: [withControl],
      now,
      windowWeeks: 4,
    });
    const [members, control] = rows;
    expect(members).toMatchObject({
      isControl: false,
      enrolled: 5,
      enrolledLast4Weeks: 1,
      measured: 4,
      repeaters: 2,
    });
    // Orders 2, 1, 0, 0; revenue 3000, 500, 0, 0.
    expect(members!.ordersMean).toBeCloseTo(0.75, 10);
    expect(members!.ordersVariance).toBeCloseTo(2.75 / 3, 10);
    expect(members!.revenueMean).toBeCloseTo(875, 10);
    expect(members!.revenueVariance).toBeCloseTo(2_062_500, 6);
    expect(control).toMatchObject({ isControl: true, enrolled: 2, measured: 2, repeaters: 1 });
    expect(control!.ordersMean).toBeCloseTo(0.5, 10);
    expect(control!.ordersVariance).toBeCloseTo(0.5, 10);
    expect(control!.revenueVariance).toBeCloseTo(500_000, 6);
  });

  it("counts retention by week since enrolling, only over the weeks each customer was observed", async () => {
    const rows = await retentionCurveCounts(handle.db, {
      programIds: [withControl],
      now,
      maxWeeks: 4,
    });
    const curve = (isControl: boolean) =>
      rows.filter((r) => r.isControl === isControl).map((r) => [r.week, r.observed, r.repeated]);
    // m5 joined 12 days before the end: observed one week, with an order in it.
    expect(curve(false)).toEqual([
      [1, 5, 2],
      [2, 4, 1],
      [3, 4, 2],
      [4, 4, 2],
    ]);
    expect(curve(true)).toEqual([
      [1, 2, 0],
      [2, 2, 1],
      [3, 2, 1],
      [4, 2, 1],
    ]);
  });

  it("builds the difference-in-differences panel from members at launch and active customers of their stores", async () => {
    const rows = await diffInDiffGroups(handle.db, {
      programIds: [withoutControl],
      now,
      windowWeeks: 4,
      minComparison: 2,
    });
    const [members, comparison] = rows;
    expect(members).toMatchObject({ member: true, customers: 2 });
    expect(members!.ordersBefore).toBeCloseTo(0.5, 10);
    expect(members!.ordersAfter).toBeCloseTo(1.5, 10);
    expect(members!.ordersChangeVariance).toBeCloseTo(0, 10);
    expect(members!.repeatBefore).toBeCloseTo(0.5, 10);
    expect(members!.repeatAfter).toBeCloseTo(1, 10);
    expect(members!.revenueAfter - members!.revenueBefore).toBeCloseTo(1500, 10);
    expect(members!.revenueChangeVariance).toBeCloseTo(500_000, 6);
    expect(comparison).toMatchObject({ member: false, customers: 2, sameStores: true });
    expect(comparison!.ordersBefore).toBeCloseTo(1.5, 10);
    expect(comparison!.ordersAfter).toBeCloseTo(0.5, 10);
    expect(comparison!.ordersChangeVariance).toBeCloseTo(2, 10);
    expect(comparison!.repeatChangeVariance).toBeCloseTo(0.5, 10);
    expect(comparison!.revenueChangeVariance).toBeCloseTo(2_000_000, 6);
  });

  it("compares with every store's active non-members when the members' stores have too few", async () => {
    const rows = await diffInDiffGroups(handle.db, {
      programIds: [withoutControl],
      now,
      windowWeeks: 4,
    });
    // n1, n2, the other store's customer and the four of program 1 who ordered before 1 March.
    expect(rows.map((r) => [r.member, r.customers, r.sameStores])).toEqual([
      [true, 2, false],
      [false, 7, false],
    ]);
  });

  it("gives no panel before the window after launch has ended", async () => {
    const rows = await diffInDiffGroups(handle.db, {
      programIds: [withoutControl],
      now: day("2025-03-20"),
      windowWeeks: 4,
    });
    expect(rows).toEqual([]);
  });
});
