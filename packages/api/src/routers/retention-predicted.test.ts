import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, type DbHandle } from "@boomerang/db";
import { rebuildCustomerFeatures } from "@boomerang/db/features/refresh-activity";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { seededRandom } from "@boomerang/domain/metrics";
import { callerFor } from "../test/caller";

const now = new Date("2025-07-01T12:00:00Z");
const day = 86_400_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR";
  }
}

describe.each(testDrivers())("predicted value procedures on $name", (driver) => {
  let handle: DbHandle;
  const ids = { milano: 0, roma: 0, marketer: 0, analyst: 0, manager: 0 };
  const homeOf = new Map<number, number>();

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_retention_predicted");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    ids.milano = (await makeStore(db, { name: "Milano" })).id;
    ids.roma = (await makeStore(db, { name: "Roma" })).id;
    const random = seededRandom(5);
    for (let i = 0; i < 60; i++) {
      const store = i % 2 === 0 ? ids.milano : ids.roma;
      const c = await makeCustomer(db, { homeStoreId: store });
      homeOf.set(c.id, store);
      let t = now.getTime() - (60 + random() * 400) * day;
      const gap = (10 + random() * 50) * day;
      do {
        await makeOrder(db, { customerId: c.id, placedAt: new Date(t), total: 1500 + i * 100 });
        t += gap * (0.5 + random());
      } while (t < now.getTime() && random() > 0.2);
    }
    await rebuildCustomerFeatures(db, now);
    ids.marketer = (await makeUser(db, { role: "marketer", name: "Marta Marketer" })).id;
    ids.analyst = (await makeUser(db, { role: "analyst" })).id;
    ids.manager = (await makeUser(db, { role: "store_manager", storeId: ids.milano })).id;
  }, 120_000);
  afterAll(async () => handle?.close());

  it("says there is no fit yet, and refuses a refit to analysts and store managers", async () => {
    const analyst = await callerFor(handle.db, ids.analyst, now);
    expect((await analyst.retention.predictedValue({})).fit).toBeNull();
    expect(await codeOf(analyst.retention.refitPredictions({}))).toBe("FORBIDDEN");
    const manager = await callerFor(handle.db, ids.manager, now);
    expect(await codeOf(manager.retention.refitPredictions({}))).toBe("FORBIDDEN");
  });

  it("lets a marketer refit: every buyer gets predictions, the refit is audited with its fit", async () => {
    const marketer = await callerFor(handle.db, ids.marketer, now);
    const result = await marketer.retention.refitPredictions({});
    expect(result).toMatchObject({ customers: 60, fittedOn: 60, fittedAt: now.toISOString() });
    const entries = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "predictions.refitted"), eq(auditLog.actorId, ids.marketer)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.changes).toMatchObject({ customers: 60 });
  }, 120_000);

  it("shows the fit, totals with intervals and the top customers by expected revenue, each with an interval", async () => {
    const analyst = await callerFor(handle.db, ids.analyst, now);
    const r = await analyst.retention.predictedValue({});
    expect(r.fit).toMatchObject({ customers: 60, refittedBy: "Marta Marketer", resamples: 100 });
    const totals = r.fit!.totals;
    expect(totals.purchases.low).toBeLessThanOrEqual(totals.purchases.estimate);
    expect(totals.purchases.high).toBeGreaterThanOrEqual(totals.purchases.estimate);
    expect(r.customers).toHaveLength(25);
    const revenues = r.customers.map((c) => c.expectedRevenue ?? 0);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    for (const c of r.customers) {
      expect(c.purchasesInterval.low).toBeLessThanOrEqual(c.purchasesInterval.high);
      expect(c.probabilityActive).toBeGreaterThanOrEqual(0);
      expect(c.probabilityActive).toBeLessThanOrEqual(1);
    }
  });

  it("gives a store manager only their home customers, and refuses another store", async () => {
    const manager = await callerFor(handle.db, ids.manager, now);
    const r = await manager.retention.predictedValue({});
    expect(r.customers.length).toBeGreaterThan(0);
    expect(r.customers.every((c) => homeOf.get(c.customerId) === ids.milano)).toBe(true);
    // Totals are the store's own customers' predictions; the business-wide check is withheld.
    const business = await (
      await callerFor(handle.db, ids.analyst, now)
    ).retention.predictedValue({});
    const milanoCustomers = [...homeOf.values()].filter((s) => s === ids.milano).length;
    expect(r.fit!.scope).toBe("store");
    expect(r.fit!.calibration).toBeNull();
    expect(r.fit!.customers).toBeLessThanOrEqual(milanoCustomers);
    expect(r.fit!.customers).toBeLessThan(business.fit!.customers);
    expect(r.fit!.totals.purchases.estimate).toBeGreaterThan(0);
    expect(r.fit!.totals.purchases.estimate).toBeLessThan(business.fit!.totals.purchases.estimate);
    expect(r.fit!.totals.purchases.low).toBeLessThanOrEqual(r.fit!.totals.purchases.estimate);
    expect(business.fit!.scope).toBe("business");
    expect(await codeOf(manager.retention.predictedValue({ storeId: ids.roma }))).toBe("FORBIDDEN");
    const analyst = await callerFor(handle.db, ids.analyst, now);
    const roma = await analyst.retention.predictedValue({ storeId: ids.roma });
    expect(roma.customers.every((c) => homeOf.get(c.customerId) === ids.roma)).toBe(true);
  });
});
