import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { makeCustomer, makeOrder } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { featuresOnly } from "./compile-segment";
import { countSegment, segmentMembers } from "./count-segment";

const now = new Date("2026-01-01T00:00:00Z");
const at = (iso: string) => new Date(iso);

/** Trees answered from customer_features alone, and trees that must read customers or orders. */
const featuresTrees: SegmentNode[] = [
  { kind: "rfmGroup", groups: ["champions", "loyal"] },
  {
    kind: "and",
    children: [
      { kind: "totalSpent", window: { kind: "allTime" }, range: { min: 1500 } },
      { kind: "daysSinceLastOrder", range: { min: 60 } },
    ],
  },
  {
    kind: "and",
    children: [
      { kind: "ordersCount", window: { kind: "allTime" }, range: { min: 1 } },
      { kind: "not", child: { kind: "rfmGroup", groups: ["champions"] } },
    ],
  },
  {
    kind: "or",
    children: [
      { kind: "ordersCount", window: { kind: "allTime" }, range: { min: 2 } },
      { kind: "rfmGroup", groups: ["champions"] },
      { kind: "rfmGroup", groups: ["loyal"] },
    ],
  },
];
const generalTrees: SegmentNode[] = [
  // Zero orders qualifies: customers without a features row are members too.
  { kind: "ordersCount", window: { kind: "allTime" }, range: { max: 0 } },
  { kind: "not", child: { kind: "rfmGroup", groups: ["champions"] } },
  {
    kind: "or",
    children: [
      { kind: "rfmGroup", groups: ["champions"] },
      { kind: "totalSpent", window: { kind: "allTime" }, range: { max: 1000 } },
    ],
  },
  {
    kind: "and",
    children: [
      { kind: "rfmGroup", groups: ["champions"] },
      { kind: "city", values: ["Milano"] },
    ],
  },
  { kind: "ordersCount", window: { kind: "lastDays", days: 90 }, range: { min: 1 } },
  // Categories ever bought are read from customer_categories.
  {
    kind: "or",
    children: [
      { kind: "ordersCount", window: { kind: "allTime" }, range: { min: 2 } },
      { kind: "boughtCategory", categories: ["wine"], window: { kind: "allTime" }, bought: true },
    ],
  },
];

describe.each(testDrivers())("countSegment on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "count_segment");
    const db = handle.db;
    const buyer = await makeCustomer(db, { city: "Milano" });
    const loyal = await makeCustomer(db, { city: "Roma" });
    const oneOff = await makeCustomer(db, { city: "Milano" });
    await makeCustomer(db, { city: "Milano" }); // never bought, features row of zeros
    await makeOrder(db, { customerId: buyer.id, placedAt: at("2025-12-20T10:00:00Z"), total: 900 });
    await makeOrder(db, { customerId: buyer.id, placedAt: at("2025-06-20T10:00:00Z"), total: 900 });
    await makeOrder(db, {
      customerId: loyal.id,
      placedAt: at("2025-03-01T10:00:00Z"),
      total: 2500,
    });
    await makeOrder(db, {
      customerId: oneOff.id,
      placedAt: at("2025-09-01T10:00:00Z"),
      total: 400,
    });
    await rebuildCustomerFeatures(db, now);
    await db.execute(
      sql`update customer_features set rfm_group = 'champions' where customer_id = ${buyer.id}::int`,
    );
    await db.execute(
      sql`update customer_features set rfm_group = 'loyal' where customer_id = ${loyal.id}::int`,
    );
    // Added after the features rebuild: a customer the features table has not seen yet.
    await makeCustomer(db, { city: "Milano" });
  });
  afterAll(async () => handle?.close());

  it("tells which trees customer_features alone can answer", () => {
    expect(featuresTrees.map(featuresOnly)).toEqual(featuresTrees.map(() => true));
    expect(generalTrees.map(featuresOnly)).toEqual(generalTrees.map(() => false));
  });

  it("counts exactly the members listed, with or without the customers join", async () => {
    const counts: number[] = [];
    for (const rules of [...featuresTrees, ...generalTrees]) {
      const members = await segmentMembers(handle.db, rules, { now });
      const count = await countSegment(handle.db, rules, { now });
      expect(count).toEqual({ members: members.length, base: 5 });
      counts.push(count.members);
    }
    // The figures themselves, so a wrong member list cannot hide behind an equally wrong count.
    expect(counts).toEqual([2, 1, 2, 2, 2, 4, 4, 1, 1, 1]);
  });
});
