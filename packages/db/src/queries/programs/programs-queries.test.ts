import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlHash, stratifiedControl } from "@boomerang/domain/programs";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features";
import { ledgerEntries, programs } from "../../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { queryRows } from "../rows";
import { controlHashSql } from "./control-group-sql";
import { enrollMembers } from "./enroll-members";
import { listPrograms } from "./list-programs";
import { pickPreviewCustomers, loadPreviewOrders } from "./preview-customers";
import { programStats } from "./program-stats";

const now = new Date("2025-07-01T00:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe.each(testDrivers())("program queries on $name", (driver) => {
  let handle: DbHandle;
  let milano: number;
  let roma: number;
  const customers: { id: number; store: number }[] = [];
  const named: Record<string, number> = {};

  beforeAll(async () => {
    handle = await openTestDb(driver, "db_program_queries");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    milano = (await makeStore(db)).id;
    roma = (await makeStore(db)).id;
    for (let i = 0; i < 60; i++) {
      const store = i % 3 === 0 ? roma : milano;
      customers.push({ id: (await makeCustomer(db, { homeStoreId: store })).id, store });
    }
    const [a, b, c, d] = customers.slice(0, 4) as unknown as [
      { id: number },
      { id: number },
      { id: number },
      { id: number },
    ];
    named.oneTime = a.id;
    named.regular = b.id;
    named.big = c.id;
    named.lapsed = d.id;
    await makeOrder(db, { customerId: a.id, placedAt: daysAgo(30), total: 2000 });
    for (let m = 1; m <= 7; m++)
      await makeOrder(db, { customerId: b.id, placedAt: daysAgo(m * 40), total: 1500 });
    await makeOrder(db, { customerId: c.id, placedAt: daysAgo(20), total: 900000 });
    await makeOrder(db, { customerId: c.id, placedAt: daysAgo(10), total: 500000 });
    for (const d0 of [400, 300, 200])
      await makeOrder(db, { customerId: d.id, placedAt: daysAgo(d0), total: 3000 });
    // Everyone else bought once, long ago, for 1,000 to 56,000: the top 5% by revenue are c and three of them.
    for (const [i, other] of customers.slice(4).entries())
      await makeOrder(db, { customerId: other.id, placedAt: daysAgo(500), total: 1000 * (i + 1) });
    await rebuildCustomerFeatures(db, now);
  });
  afterAll(async () => handle?.close());

  it("computes the same control hash in SQL as the domain does in JavaScript", async () => {
    const pairs: [number, number][] = [
      [1, 1],
      [1, 2],
      [2, 1],
      [123, 45678],
      [7, 2147483647],
      [65535, 65536],
      [99999, 3],
    ];
    for (const [p, c] of pairs) {
      const [row] = await queryRows<{ h: number }>(
        handle.db,
        sql`select ${controlHashSql(sql`${c}::int`, p)}::float8 as h`,
      );
      expect(row?.h).toBe(controlHash(p, c));
    }
  });

  it("enrolls the target's home-store customers once, with the domain's control group", async () => {
    const [program] = await handle.db
      .insert(programs)
      .values({ name: "Stamps", type: "stamp-card", controlShareBp: 2500 })
      .returning();
    const id = program!.id;
    const first = await enrollMembers(handle.db, {
      programId: id,
      controlShareBp: 2500,
      storeIds: [milano],
      enrolledAt: now,
      customerIds: null,
      segmentRules: null,
    });
    const milanese = customers.filter((c) => c.store === milano);
    // The whole target at once: the control group stratified by home store (the domain's twin).
    const held = stratifiedControl(
      id,
      milanese.map((c) => ({ id: c.id, storeId: c.store })),
      2500,
    );
    expect(held.size).toBe(Math.round(milanese.length * 0.25));
    expect(first).toEqual({ members: milanese.length - held.size, control: held.size });
    const rows = await queryRows<{ customer_id: number; is_control: boolean }>(
      handle.db,
      sql`select customer_id, is_control from enrollments where program_id = ${id}::int`,
    );
    for (const row of rows) expect(row.is_control).toBe(held.has(row.customer_id));
    // A second run adds nobody and changes nobody's side.
    expect(
      await enrollMembers(handle.db, {
        programId: id,
        controlShareBp: 2500,
        storeIds: [milano],
        enrolledAt: now,
        customerIds: null,
        segmentRules: null,
      }),
    ).toEqual({ members: 0, control: 0 });
    // A new customer from ingest is enrolled only when in the target.
    const romano = customers.find((c) => c.store === roma)!.id;
    expect(
      await enrollMembers(handle.db, {
        programId: id,
        controlShareBp: 2500,
        storeIds: [milano],
        enrolledAt: now,
        customerIds: [romano],
        segmentRules: null,
      }),
    ).toEqual({ members: 0, control: 0 });
  });

  it("sums the ledger into issued, redeemed, expired and outstanding, by month and by store", async () => {
    const [program] = await handle.db
      .insert(programs)
      .values({ name: "Points", type: "points", status: "active", controlShareBp: 0 })
      .returning();
    const id = program!.id;
    await enrollMembers(handle.db, {
      programId: id,
      controlShareBp: 0,
      storeIds: [],
      enrolledAt: now,
      customerIds: null,
      segmentRules: null,
    });
    const m = customers.find((c) => c.store === milano)!.id;
    const r = customers.find((c) => c.store === roma)!.id;
    await handle.db.insert(ledgerEntries).values([
      {
        programId: id,
        customerId: m,
        kind: "earn",
        unit: "points",
        amount: 100,
        effectiveAt: new Date("2025-05-10T00:00:00Z"),
      },
      {
        programId: id,
        customerId: m,
        kind: "redeem",
        unit: "points",
        amount: -40,
        effectiveAt: new Date("2025-06-10T00:00:00Z"),
      },
      {
        programId: id,
        customerId: r,
        kind: "earn",
        unit: "points",
        amount: 50,
        effectiveAt: new Date("2025-06-11T00:00:00Z"),
      },
      {
        programId: id,
        customerId: r,
        kind: "expire",
        unit: "points",
        amount: -10,
        effectiveAt: new Date("2025-06-20T00:00:00Z"),
      },
    ]);
    const all = await programStats(handle.db, {
      programId: id,
      unit: "points",
      storeId: null,
      timezone: "UTC",
    });
    expect(all).toMatchObject({
      members: 60,
      control: 0,
      issued: 150,
      redeemed: 40,
      expired: 10,
      outstanding: 100,
    });
    expect(all.redemptionRate).toBeCloseTo(40 / 150);
    expect(all.months).toEqual([
      { month: "2025-05", issued: 100, redeemed: 0, expired: 0 },
      { month: "2025-06", issued: 50, redeemed: 40, expired: 10 },
    ]);
    const romeOnly = await programStats(handle.db, {
      programId: id,
      unit: "points",
      storeId: roma,
      timezone: "UTC",
    });
    expect(romeOnly).toMatchObject({
      members: 20,
      issued: 50,
      redeemed: 0,
      expired: 10,
      outstanding: 40,
    });
    const listed = await listPrograms(handle.db, {
      status: "active",
      type: null,
      search: "poi",
      storeId: null,
    });
    expect(listed.map((p) => [p.name, p.members, p.pointsIssued])).toEqual([["Points", 60, 150]]);
    expect(
      await listPrograms(handle.db, { status: null, type: null, search: "100%", storeId: null }),
    ).toEqual([]);
  });

  it("picks one real customer per profile and loads their last 12 months of orders", async () => {
    const picked = await pickPreviewCustomers(handle.db, now);
    expect(Object.fromEntries(picked.map((p) => [p.profile, p.customerId]))).toEqual({
      "one-time buyer": named.oneTime,
      regular: named.regular,
      "big spender": named.big,
      "lapsed customer": named.lapsed,
    });
    const orders = await loadPreviewOrders(handle.db, [named.lapsed!], daysAgo(365), now);
    expect(orders.map((o) => o.subtotal)).toEqual([3000, 3000]);
    expect(orders[0]?.placedAt).toEqual(daysAgo(300));
  });
});
