import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  evaluateSegment,
  scoreRfm,
  type CustomerSummary,
  type SummaryEnrollment,
} from "@boomerang/domain/segments";
import type { Database, DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { scoreCustomerRfm } from "../../features/rfm";
import { programs } from "../../schema";
import { makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { queryRows } from "../rows";
import { segmentMembers } from "./count-segment";
import { customerArb, parityNow, treeArb, type GeneratedCustomer } from "./parity-arbitraries";
import { insertGeneratedCustomer } from "./parity-load";

/** Replaces every customer with the generated ones and brings customer_features up to date. */
async function load(
  db: Database,
  generated: GeneratedCustomer[],
  storeIds: number[],
  programIds: number[],
): Promise<CustomerSummary[]> {
  await db.execute(sql`truncate customers restart identity cascade`);
  const summaries: CustomerSummary[] = [];
  for (const [i, g] of generated.entries()) {
    const { id, homeStoreId } = await insertGeneratedCustomer(db, g, `P${i}`, storeIds, programIds);
    const programs: SummaryEnrollment[] = g.enrollments.flatMap((e, p) =>
      e === null ? [] : [{ ...e, programId: programIds[p]! }],
    );
    const { storeIndex: _unused, enrollments: _alsoUnused, ...rest } = g;
    summaries.push({ ...rest, id, homeStoreId, rfm: null, programs });
  }
  await rebuildCustomerFeatures(db, parityNow);
  await scoreCustomerRfm(db, parityNow);
  for (const s of summaries) {
    if (s.prediction === null) continue;
    await db.execute(sql`update customer_features set probability_active = ${s.prediction.probabilityActive}::float8,
      expected_revenue_12m = ${s.prediction.expectedRevenue12m}::float8 where customer_id = ${s.id}::int`);
  }
  const buyers = summaries
    .filter((s) => s.orders.length > 0)
    .map((s) => ({
      id: s.id,
      lastOrderAt: new Date(Math.max(...s.orders.map((o) => o.placedAt.getTime()))),
      ordersCount: s.orders.length,
      revenue: s.orders.reduce((sum, o) => sum + o.total, 0),
    }));
  const rfm = scoreRfm(buyers);
  return summaries.map((s) => ({ ...s, rfm: rfm.get(s.id) ?? null }));
}

describe.each(testDrivers())("segment SQL and in-memory evaluation agree on $name", (driver) => {
  let handle: DbHandle;
  let storeIds: number[];
  let programIds: number[];
  beforeAll(async () => {
    handle = await openTestDb(driver, "segments_parity");
    storeIds = [(await makeStore(handle.db)).id, (await makeStore(handle.db)).id];
    const made = await handle.db
      .insert(programs)
      .values([
        { name: "Parity points", type: "points" },
        { name: "Parity tiers", type: "tiers" },
      ])
      .returning({ id: programs.id });
    programIds = made.map((p) => p.id);
  });
  afterAll(async () => handle?.close());

  it("gives the same members for random trees over random customers, orders, events and program ledgers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 1, maxLength: 14 }),
        fc.array(
          fc.constant(null).chain(() => treeArb(storeIds, programIds)),
          { minLength: 4, maxLength: 4 },
        ),
        fc.option(fc.constantFrom(0, 1), { nil: null }),
        async (generated, trees, scopeIndex) => {
          const summaries = await load(handle.db, generated, storeIds, programIds);
          const storeId = scopeIndex === null ? null : storeIds[scopeIndex]!;
          for (const tree of trees) {
            const expected = summaries
              .filter(
                (s) =>
                  (storeId === null || s.homeStoreId === storeId) &&
                  evaluateSegment(tree, s, parityNow),
              )
              .map((s) => s.id);
            const actual = await segmentMembers(handle.db, tree, { now: parityNow, storeId });
            expect(actual, JSON.stringify(tree)).toEqual(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);

  it("scores RFM in the database exactly as the domain does", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 1, maxLength: 20 }),
        async (generated) => {
          const summaries = await load(handle.db, generated, storeIds, programIds);
          const rows = await queryRows<{
            id: number;
            r: number | null;
            f: number | null;
            m: number | null;
            g: string | null;
          }>(
            handle.db,
            sql`select customer_id as id, recency_score::int as r, frequency_score::int as f, monetary_score::int as m, rfm_group as g
              from customer_features order by customer_id`,
          );
          expect(rows).toEqual(
            summaries.map((s) => ({
              id: s.id,
              r: s.rfm?.recency ?? null,
              f: s.rfm?.frequency ?? null,
              m: s.rfm?.monetary ?? null,
              g: s.rfm?.group ?? null,
            })),
          );
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
