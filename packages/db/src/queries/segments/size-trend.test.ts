import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { DbHandle } from "../../client";
import { enrollments, ledgerEntries, programs } from "../../schema";
import { makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { countSegment } from "./count-segment";
import { segmentSizeTrend, trendWeekEnds } from "./size-trend";

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
