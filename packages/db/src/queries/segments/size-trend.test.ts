import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { scoreCustomerRfm } from "../../features/rfm";
import { enrollments, ledgerEntries, programs } from "../../schema";
import { makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { countSegment } from "./count-segment";
import { customerArb, parityNow, treeArb } from "./parity-arbitraries";
import { insertGeneratedCustomer } from "./parity-load";
import { segmentSizeTrend, trendForm, trendWeekEnds } from "./size-trend";

const now = new Date("2025-06-30T12:00:00Z");
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

describe.each(testDrivers())("segment size trend on $name", (driver) => {
  let handle: DbHandle;
  let storeId: number;
  let programId: number;
  beforeAll(async () => {
    handle = await openTestDb(driver, "segments_trend");
    const db = handle.db;
    storeId = (await makeStore(db)).id;
    // Ann has bought every so often; Ben signed up five weeks ago and bought once since.
    const ann = await makeCustomer(db, { homeStoreId: storeId, signedUpAt: daysAgo(400) });
    const ben = await makeCustomer(db, { signedUpAt: daysAgo(35) });
    for (const d of [80, 40, 3]) await makeOrder(db, { customerId: ann.id, placedAt: daysAgo(d) });
    await makeOrder(db, { customerId: ben.id, placedAt: daysAgo(20) });
    const [p] = await db
      .insert(programs)
      .values({ name: "Punti", type: "points" })
      .returning({ id: programs.id });
    programId = p!.id;
    await db.insert(enrollments).values([
      { programId, customerId: ann.id, isControl: false, enrolledAt: daysAgo(60) },
      { programId, customerId: ben.id, isControl: false, enrolledAt: daysAgo(10) },
    ]);
    await db.insert(ledgerEntries).values({
      programId,
      customerId: ann.id,
      kind: "earn",
      unit: "points",
      amount: 600,
      effectiveAt: daysAgo(30),
    });
  });
  afterAll(async () => handle?.close());

  it("reads the last 12 week ends, oldest first, ending at now", () => {
    const ends = trendWeekEnds(now, 12);
    expect(ends).toHaveLength(12);
    expect(ends[11]).toEqual(now);
    expect(ends[0]).toEqual(daysAgo(77));
  });

  it("counts each week end as if it were now: windows, sign-ups, enrollments and balances", async () => {
    const boughtLast30: SegmentNode = {
      kind: "ordersCount",
      window: { kind: "lastDays", days: 30 },
      range: { min: 1 },
    };
    const trend = await segmentSizeTrend(handle.db, boughtLast30, { now });
    // Week end k days ago: Ann bought 80, 40 and 3 days ago, Ben 20 days ago.
    const expected = trendWeekEnds(now, 12).map((at) => {
      const ago = Math.round((now.getTime() - at.getTime()) / DAY);
      return [80, 40, 3, 20].filter((d) => d >= ago && d - ago <= 30).length;
    });
    expect(trend.map((p) => p.members)).toEqual(expected);
    expect(trend.at(-1)!.members).toBe(
      (await countSegment(handle.db, boughtLast30, { now })).members,
    );

    // Everyone, but only once they had signed up: Ben counts from exactly five weeks ago on.
    const everyone = await segmentSizeTrend(handle.db, { kind: "and", children: [] }, { now });
    expect(everyone.map((p) => p.members)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);

    const rich: SegmentNode = { kind: "pointsBalance", programId, range: { min: 500 } };
    const richTrend = await segmentSizeTrend(handle.db, rich, { now });
    // Ann's 600 points became effective 30 days ago (week ends 28 days ago and later).
    expect(richTrend.map((p) => p.members)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const members = await segmentSizeTrend(
      handle.db,
      { kind: "programEnrollment", programId, group: "members" },
      { now, storeId },
    );
    // In Ann's store only: enrolled 60 days ago.
    expect(members.map((p) => p.members)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe.each(testDrivers())(
  "segment size trend, one pass against one count per week, on $name",
  (driver) => {
    let handle: DbHandle;
    let storeIds: number[];
    let programIds: number[];
    beforeAll(async () => {
      handle = await openTestDb(driver, "segments_trend_forms");
      const db = handle.db;
      storeIds = [(await makeStore(db)).id, (await makeStore(db)).id];
      const made = await db
        .insert(programs)
        .values([
          { name: "Trend points", type: "points" },
          { name: "Trend tiers", type: "tiers" },
        ])
        .returning({ id: programs.id });
      programIds = made.map((p) => p.id);
      // 40 random customers (fixed seed) with orders, items, events and program ledgers.
      const generated = fc.sample(customerArb, { numRuns: 40, seed: 20251123 });
      for (const [i, g] of generated.entries())
        await insertGeneratedCustomer(db, g, `T${i}`, storeIds, programIds);
      await rebuildCustomerFeatures(db, parityNow);
      await scoreCustomerRfm(db, parityNow);
    });
    afterAll(async () => handle?.close());

    it("picks one pass only for trees of customer and customer_features columns", () => {
      expect(trendForm({ kind: "rfmGroup", groups: ["champions"] })).toBe("onePass");
      expect(
        trendForm({
          kind: "and",
          children: [
            { kind: "city", values: ["Milano"] },
            { kind: "not", child: { kind: "daysSinceLastOrder", range: { min: 60 } } },
          ],
        }),
      ).toBe("onePass");
      expect(
        trendForm({
          kind: "ordersCount",
          window: { kind: "lastDays", days: 90 },
          range: { min: 2 },
        }),
      ).toBe("perWeek");
      expect(
        trendForm({
          kind: "or",
          children: [
            { kind: "age", range: { min: 18 } },
            {
              kind: "boughtCategory",
              categories: ["shoes"],
              window: { kind: "allTime" },
              bought: true,
            },
          ],
        }),
      ).toBe("perWeek");
    });

    it("gives the same twelve counts in both forms for random trees, everyone and one store", async () => {
      let nonZero = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constant(null).chain(() => treeArb(storeIds, programIds)),
          fc.option(fc.constantFrom(0, 1), { nil: null }),
          async (tree, scopeIndex) => {
            const scope = {
              now: parityNow,
              storeId: scopeIndex === null ? null : storeIds[scopeIndex]!,
            };
            const perWeek = await segmentSizeTrend(handle.db, tree, { ...scope, form: "perWeek" });
            const onePass = await segmentSizeTrend(handle.db, tree, { ...scope, form: "onePass" });
            expect(onePass, JSON.stringify(tree)).toEqual(perWeek);
            expect(perWeek.at(-1)!.members).toBe(
              (await countSegment(handle.db, tree, scope)).members,
            );
            if (perWeek.some((p) => p.members > 0)) nonZero++;
          },
        ),
        { numRuns: 60, seed: 5 },
      );
      // The random data must make the comparison bite: most trees count someone in some week.
      expect(nonZero).toBeGreaterThan(10);
    });
  },
);
