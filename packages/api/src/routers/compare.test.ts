import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparisons, programVersions, programs, segments, type DbHandle } from "@boomerang/db";
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
  it("saves an edited response model with the comparison and uses it", async () => {
    const api = await callerFor(handle.db, ids.marketer);
    const model = {
      frequencyLift: { points: 0, "tiered-discount": 0.5 },
      thresholdLift: 0,
      grossMargin: 0.25,
    };
    const { id } = await api.compare.start({
      ...start,
      comparison: { ...start.comparison, model },
    });
    await waitForComparison(id);
    const view = await api.compare.get({ id });
    expect(view.input.model).toMatchObject(model);
    const [points, tiers] = view.result!.candidates;
    // No assumed lift for points: no incremental orders; half as many again for the tiers.
    expect(points!.metrics.incrementalOrders).toBe(0);
    expect(tiers!.metrics.incrementalOrders).toBeCloseTo(120 * 0.5, 6);
    const refused = await api.compare
      .start({ ...start, comparison: { ...start.comparison, model: { grossMargin: 2 } } })
      .catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
  });

  // Last: they add customers, a segment and programs the tests above do not expect.
  it("replays only a saved segment's members and refuses an unknown segment", async () => {
    const db = handle.db;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    for (let c = 0; c < 3; c++) {
      const customer = await makeCustomer(db, { homeStoreId: roma });
      await makeOrder(db, {
        customerId: customer.id,
        storeId: roma,
        placedAt: new Date(Date.UTC(2025, 1, 3 + c)),
        total: 2_000,
      });
    }
    const [segment] = await db
      .insert(segments)
      .values({
        name: "Roma regulars",
        rules: { kind: "and", children: [{ kind: "homeStore", storeIds: [roma] }] },
      })
      .returning();
    const api = await callerFor(handle.db, ids.analyst);
    const { id } = await api.compare.start({
      ...start,
      comparison: { ...start.comparison, segmentId: segment!.id },
    });
    await waitForComparison(id);
    const view = await api.compare.get({ id });
    expect(view.status).toBe("done");
    expect(view.result!.customers).toBe(3);
    expect(view.result!.orders).toBe(3);
    expect(view.segmentName).toBe("Roma regulars");
    const missing = await api.compare
      .start({ ...start, comparison: { ...start.comparison, segmentId: 99_999 } })
      .catch((e: unknown) => e);
    expect((missing as TRPCError).code).toBe("BAD_REQUEST");
    expect((missing as TRPCError).message).toContain("segment does not exist");
  });

  it("offers saved programs, drafts first, with their own parameters and segment", async () => {
    const db = handle.db;
    const [segment] = await db
      .insert(segments)
      .values({ name: "Everyone", rules: { kind: "and", children: [] } })
      .returning();
    const [active] = await db
      .insert(programs)
      .values({ name: "A running one", type: "cashback", status: "active" })
      .returning();
    const [draft] = await db
      .insert(programs)
      .values({ name: "Club VIP", type: "points", segmentId: segment!.id, currentVersion: 2 })
      .returning();
    await db.insert(programVersions).values([
      { programId: active!.id, version: 1, config: { percentBack: 3, budgetCap: 0 } },
      { programId: draft!.id, version: 1, config: { earnPer: 100 } },
      {
        programId: draft!.id,
        version: 2,
        config: { earnPer: 200, pendingDays: 0, startsAt: Date.UTC(2030, 0, 1), stores: ["1"] },
      },
    ]);
    const options = await (await callerFor(db, ids.analyst)).compare.programOptions();
    expect(options.map((o) => o.name)).toEqual(["Club VIP", "A running one"]);
    expect(options[0]).toMatchObject({
      type: "points",
      status: "draft",
      segmentId: segment!.id,
      segmentName: "Everyone",
      // The current version, without the start date and stores a comparison does not use.
      params: { earnPer: 200, pendingDays: 0 },
    });
    expect(Object.keys(options[0]!.params)).toEqual(["earnPer", "pendingDays"]);
    expect(options[1]!.params).toEqual({ percentBack: 3 });
    const manager = await callerFor(db, ids.manager);
    expect(await codeOf(manager.compare.programOptions())).toBe("FORBIDDEN");
  });
});
