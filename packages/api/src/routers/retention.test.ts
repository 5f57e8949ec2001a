import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@boomerang/db";
import { rebuildCustomerFeatures } from "@boomerang/db/features/refresh-activity";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { callerFor } from "../test/caller";

const firstHalf = { range: { from: "2025-01-01", to: "2025-06-30" } };

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (error) {
    return error instanceof TRPCError
      ? { code: error.code, message: error.message }
      : { code: "NOT_A_TRPC_ERROR", message: "" };
  }
}

describe.each(testDrivers())("retention procedure on $name", (driver) => {
  let handle: DbHandle;
  let ids: { milano: number; roma: number; analyst: number; manager: number };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_retention");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    // Milano: two January customers, one back in February. Roma: one March customer, back in April.
    const a = await makeCustomer(db, { homeStoreId: milano });
    const b = await makeCustomer(db, { homeStoreId: milano });
    const c = await makeCustomer(db, { homeStoreId: roma });
    for (const [customerId, day] of [
      [a.id, "2025-01-10"],
      [a.id, "2025-02-12"],
      [b.id, "2025-01-20"],
      [c.id, "2025-03-05"],
      [c.id, "2025-04-07"],
    ] as const) {
      await makeOrder(db, { customerId, placedAt: new Date(`${day}T10:00:00Z`), total: 2000 });
    }
    await rebuildCustomerFeatures(db, new Date("2025-07-01T00:00:00Z"));
    ids = {
      milano,
      roma,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("gives the cohort matrix, repeat rate and churn trend of the whole business", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const r = await api.retention.get({ ...firstHalf, repeatWithinDays: 40 });
    expect(r.matrix.rows.map((row) => [row.cohort, row.size, row.cells[1]?.active])).toEqual([
      ["2025-01-01", 2, 1],
      ["2025-03-01", 1, 1],
    ]);
    expect(r.repeat.overall).toMatchObject({ eligible: 3, repeaters: 2 });
    expect(r.churn.at(-1)?.date).toBe("2025-06-30");
    // February: customer a's January 20.00 came back as 20.00; b's 20.00 is lost.
    expect(r.revenueChurn.find((m) => m.month === "2025-02-01")).toMatchObject({
      previousRevenue: 4000,
      lost: 2000,
      expansion: 0,
    });
    expect(r.monthly.map((m) => [m.month, m.orders])).toEqual([
      ["2025-01-01", 2],
      ["2025-02-01", 1],
      ["2025-03-01", 1],
      ["2025-04-01", 1],
    ]);
    expect(r.store).toBeNull();
  });

  it("keeps a store manager to their own store and refuses another", async () => {
    const api = await callerFor(handle.db, ids.manager);
    const own = await api.retention.get(firstHalf);
    expect(own.store?.id).toBe(ids.milano);
    expect(own.matrix.rows.map((row) => row.size)).toEqual([2]);
    expect((await failure(api.retention.get({ ...firstHalf, storeId: ids.roma }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("refuses a churn window whose at-risk threshold is not shorter, with a clear message", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const refused = await failure(
      api.retention.get({ ...firstHalf, churnWindow: { churnAfterDays: 30, atRiskAfterDays: 30 } }),
    );
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      message: "The at-risk threshold must be at least 1 day and shorter than the churn window.",
    });
    expect(
      (await failure(api.retention.get({ range: { from: "2025-06-01", to: "2025-01-01" } }))).code,
    ).toBe("BAD_REQUEST");
  });

  it("says when the chosen segment does not exist", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    expect(await failure(api.retention.get({ ...firstHalf, segmentId: 999_999 }))).toEqual({
      code: "NOT_FOUND",
      message: "The segment was not found.",
    });
  });

  it("refuses callers without a session", async () => {
    const api = await callerFor(handle.db, null);
    expect((await failure(api.retention.get(firstHalf))).code).toBe("UNAUTHORIZED");
  });
});
