import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparisons, type DbHandle } from "@boomerang/db";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { callerFor } from "../test/caller";
import { waitForComparison } from "../services/compare/comparison-jobs";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR";
  }
}

const candidates = [
  { label: "Points", typeId: "points", params: { pendingDays: 0 } },
  {
    label: "Cumulative discount",
    typeId: "tiered-discount",
    params: { levels: [{ spend: 5_000, percentOff: 10 }] },
  },
];
const start = { name: "Points or tiers", comparison: { candidates, resamples: 50 } };

describe.each(testDrivers())("compare procedures on $name", (driver) => {
  let handle: DbHandle;
  let ids: { milano: number; admin: number; analyst: number; marketer: number; manager: number };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_compare");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    // Ten customers, each buying 40.00 every month from July 2024 (the caller's now is 1 July 2025).
    for (let c = 0; c < 10; c++) {
      const customer = await makeCustomer(db, { homeStoreId: milano });
      for (let m = 0; m < 12; m++)
        await makeOrder(db, {
          customerId: customer.id,
          storeId: milano,
          placedAt: new Date(Date.UTC(2024, 6 + m, 3 + c)),
          total: 4_000,
        });
    }
    ids = {
      milano,
      admin: (await makeUser(db, { role: "admin" })).id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      marketer: (await makeUser(db, { role: "marketer" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("runs a points program against a cumulative discount on the last 12 months and shows both", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const { id } = await api.compare.start(start);
    await waitForComparison(id);
    const view = await api.compare.get({ id });
    expect(view.status).toBe("done");
    expect(view.progress).toBe(100);
    expect(view.range).toEqual({ from: "2024-07-01", to: "2025-06-30" });
    const [points, tiers] = view.result!.candidates;
    expect(points!.metrics.members).toBe(10);
    expect(points!.metrics.orders).toBe(120);
    // Tiers: 10% off every order after the first 50.00 spent, i.e. from the third order on: 10 × 4.00 × 10.
    expect(tiers!.metrics.rewardCost).toBe(10 * 400 * 10);
    expect(view.result!.recommendation).toMatch(/^On ROI, /);
    expect(view.result!.monthStarts).toHaveLength(12);
  });

  it("lets analysts, marketers and admins run and read; refuses store managers and strangers", async () => {
    const { id } = await (await callerFor(handle.db, ids.admin)).compare.start(start);
    await waitForComparison(id);
    for (const user of [ids.admin, ids.marketer, ids.analyst]) {
      const api = await callerFor(handle.db, user);
      expect((await api.compare.get({ id })).status).toBe("done");
      expect((await api.compare.list()).some((c) => c.id === id)).toBe(true);
    }
    const manager = await callerFor(handle.db, ids.manager);
    expect(await codeOf(manager.compare.start(start))).toBe("FORBIDDEN");
    expect(await codeOf(manager.compare.get({ id }))).toBe("FORBIDDEN");
    expect(await codeOf(manager.compare.list())).toBe("FORBIDDEN");
    expect(await codeOf(manager.compare.rerun({ id }))).toBe("FORBIDDEN");
    const stranger = await callerFor(handle.db, null);
    expect(await codeOf(stranger.compare.get({ id }))).toBe("UNAUTHORIZED");
  });

  it("names the candidate whose parameters are wrong", async () => {
    const api = await callerFor(handle.db, ids.marketer);
    const bad = {
      ...start,
      comparison: {
        candidates: [candidates[0]!, { label: "Broken", typeId: "points", params: { earnPer: 0 } }],
      },
    };
    const error = await api.compare.start(bad).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/^Broken: earnPer: /);
    const one = await api.compare
      .start({ ...start, comparison: { candidates: [candidates[0]!] } })
      .catch((e: unknown) => e);
    expect((one as TRPCError).code).toBe("BAD_REQUEST");
    expect((one as TRPCError).message).toContain("compare at least 2 candidates");
  });

  it("targets one store and refuses an unknown one", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    expect(await codeOf(api.compare.start({ ...start, storeId: 99_999 }))).toBe("NOT_FOUND");
    const { id } = await api.compare.start({ ...start, storeId: ids.milano });
    await waitForComparison(id);
    expect((await api.compare.get({ id })).result!.customers).toBe(10);
  });

  it("re-runs a saved comparison on newer data, keeping the length of its period", async () => {
    const { id } = await (
      await callerFor(handle.db, ids.analyst)
    ).compare.start({ ...start, range: { from: "2024-07-01", to: "2024-12-31" } });
    await waitForComparison(id);
    const later = await callerFor(handle.db, ids.analyst, new Date("2025-07-01T12:00:00Z"));
    await later.compare.rerun({ id });
    await waitForComparison(id);
    const view = await later.compare.get({ id });
    expect(view.status).toBe("done");
    expect(view.range.to).toBe("2025-06-30");
    expect(view.result!.candidates[0]!.metrics.orders).toBe(10 * 6);
  });

  it("reports a run cut off by a restart instead of spinning forever", async () => {
    const [row] = await handle.db
      .insert(comparisons)
      .values({
        name: "Orphan",
        input: { candidates },
        periodFrom: new Date("2025-01-01"),
        periodTo: new Date("2025-02-01"),
        status: "running",
        progress: 40,
      })
      .returning();
    const view = await (await callerFor(handle.db, ids.analyst)).compare.get({ id: row!.id });
    expect(view.status).toBe("failed");
    expect(view.error).toContain("interrupted");
  });

  it("answers an unknown comparison with NOT_FOUND", async () => {
    expect(
      await codeOf((await callerFor(handle.db, ids.analyst)).compare.get({ id: 99_999 })),
    ).toBe("NOT_FOUND");
  });
});
