import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { queryRows } from "../queries/rows";
import { makeBusiness, makeCustomer, makeOrder } from "../testing/factories";
import { openTestDb, testDrivers } from "../testing/test-db";
import { refreshCustomerActivity } from "./refresh-activity";
import { scoreCustomerRfm } from "./rfm";

const now = new Date("2025-12-31T00:00:00Z");
const scores = (handle: DbHandle) =>
  queryRows<{ id: number; r: number | null; f: number | null; m: number | null; g: string | null }>(
    handle.db,
    sql`select customer_id as id, recency_score::int as r, frequency_score::int as f, monetary_score::int as m, rfm_group as g
        from customer_features order by customer_id`,
  );

describe.each(testDrivers())("RFM scoring on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "features_rfm");
    await makeBusiness(handle.db);
  });
  afterAll(async () => handle?.close());

  it("scores buyers in quintiles, names their group, and clears the scores of a customer whose orders are gone", async () => {
    const db = handle.db;
    // One after the other, so ids follow the array order on every driver.
    const people: Awaited<ReturnType<typeof makeCustomer>>[] = [];
    for (let k = 0; k < 5; k++) people.push(await makeCustomer(db));
    // Customer k (0…4): k+1 orders, the last one k months before the end of the year, €10·(k+1) each.
    for (const [k, p] of people.entries()) {
      for (let i = 0; i <= k; i++) {
        await makeOrder(db, {
          customerId: p.id,
          placedAt: new Date(Date.UTC(2025, 11 - (4 - k) - i, 15)),
          total: 1000 * (k + 1),
        });
      }
    }
    const quiet = await makeCustomer(db);
    await refreshCustomerActivity(db, [...people.map((p) => p.id), quiet.id], now);
    await scoreCustomerRfm(db, now);
    expect(await scores(handle)).toEqual([
      ...people.map((p, k) => ({
        id: p.id,
        r: k + 1,
        f: k + 1,
        m: k + 1,
        g: ["lost", "hibernating", "need_attention", "loyal", "champions"][k],
      })),
      { id: quiet.id, r: null, f: null, m: null, g: null },
    ]);

    await db.execute(sql`delete from orders where customer_id = ${people[4]!.id}::int`);
    await refreshCustomerActivity(db, [people[4]!.id], now);
    await scoreCustomerRfm(db, now);
    const after = await scores(handle);
    expect(after.find((s) => s.id === people[4]!.id)).toMatchObject({ r: null, g: null });
    // Four buyers left: the best of them now scores 4 (1 + ⌊5·3/4⌋), Loyal rather than Champions.
    expect(after.find((s) => s.id === people[3]!.id)).toMatchObject({
      r: 4,
      f: 4,
      m: 4,
      g: "loyal",
    });
  });
});
