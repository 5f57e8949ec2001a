import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  liveStoreKpis,
  queryRows,
  refreshAllStoreKpiMonths,
  storeKpis,
  type DbHandle,
} from "@boomerang/db";
import { makeBusiness, makeCustomer, makeStore } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import { postOrder, postRefund } from "../ingest";
import { testOrder } from "../../test/order-input";

const now = new Date("2025-12-01T12:00:00Z");
const june = { from: new Date("2025-06-01T00:00:00Z"), to: new Date("2025-07-01T00:00:00Z") };

const order = testOrder;

/** The store KPI month cache stays equal to the raw tables through the real ingest path. */
describe.each(testDrivers())("store KPI cache through ingest on $name", (driver) => {
  let handle: DbHandle;
  let milano = 0;
  const ctx = () => ({ db: handle.db, now, apiKeyId: null });
  const scope = () => ({ ...june, storeId: milano, churnWindowDays: 90, now });
  const cachedMonths = async () =>
    (
      await queryRows<{ month: string }>(
        handle.db,
        sql`select month::text as month from store_kpi_months where store_id = ${milano} order by month`,
      )
    ).map((r) => r.month);

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_store_kpi_cache");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "UTC" });
    milano = (await makeStore(handle.db, { code: "MIL" })).id;
    const anna = await makeCustomer(handle.db, { externalId: "ANNA" });
    await makeCustomer(handle.db, { externalId: "BRUNO" });
    await enrollInRewards(handle.db, anna.id);
    await postOrder(ctx(), order("O-1", "ANNA", "2025-06-05T10:00:00Z", 3000));
    await postOrder(ctx(), order("O-2", "BRUNO", "2025-06-07T10:00:00Z", 5000));
    await refreshAllStoreKpiMonths(handle.db);
  }, 60_000);
  afterAll(() => handle.close());

  it("answers June from the cache, equal to the raw tables", async () => {
    expect(await cachedMonths()).toEqual(["2025-06-01"]);
    const [june] = await storeKpis(handle.db, scope(), "UTC");
    expect(june).toEqual((await liveStoreKpis(handle.db, scope(), "UTC"))[0]);
    expect(june).toMatchObject({ orders: 2, newCustomers: 2, retention90: 0, pointsIssued: 30 });
  });

  it("an order in July that brings Anna back drops June's row, and June is recomputed right", async () => {
    await postOrder(ctx(), order("O-3", "ANNA", "2025-07-10T10:00:00Z", 1000));
    expect(await cachedMonths()).not.toContain("2025-06-01");
    const [june] = await storeKpis(handle.db, scope(), "UTC");
    expect(june).toEqual((await liveStoreKpis(handle.db, scope(), "UTC"))[0]);
    expect(june?.retention90).toBe(0.5);
    expect(await cachedMonths()).toContain("2025-06-01");
  });

  it("a refund of a June order (its points clawed back) drops June's row, recomputed equal", async () => {
    const before = await storeKpis(handle.db, scope(), "UTC");
    expect(await cachedMonths()).toContain("2025-06-01");
    await postRefund(ctx(), {
      externalId: "R-1",
      orderId: "O-1",
      amount: 3000,
      refundedAt: "2025-06-20T10:00:00Z",
    });
    expect(await cachedMonths()).not.toContain("2025-06-01");
    const after = await liveStoreKpis(handle.db, scope(), "UTC");
    expect(await storeKpis(handle.db, scope(), "UTC")).toEqual(after);
    // Store KPIs count orders as placed (gross): the refund changes none of June's figures.
    expect(after).toEqual(before);
  });
});
