import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { enrollments, programs, queryRows, type DbHandle } from "@boomerang/db";
import { DEFAULT_BRACKET_ENDS } from "@boomerang/domain/metrics";
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

describe.each(testDrivers())("retention brackets and side-by-side curves on $name", (driver) => {
  let handle: DbHandle;
  let ids: { milano: number; roma: number; analyst: number; manager: number; program: number };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_retention_brackets");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    // Milano: a (Jan 10, back on Feb 12 = day 33) and b (Jan 20 only). Roma: c (Mar 5, back on
    // Apr 7 = day 33). a and c are members of the program, b is in its control group.
    const a = await makeCustomer(db, { homeStoreId: milano });
    const b = await makeCustomer(db, { homeStoreId: milano });
    const c = await makeCustomer(db, { homeStoreId: roma });
    for (const [customerId, day, channel] of [
      [a.id, "2025-01-10", "offline"],
      [a.id, "2025-02-12", "online"],
      [b.id, "2025-01-20", "offline"],
      [c.id, "2025-03-05", "offline"],
      [c.id, "2025-04-07", "offline"],
    ] as const) {
      await makeOrder(db, { customerId, placedAt: new Date(`${day}T10:00:00Z`), channel });
    }
    const [program] = await db
      .insert(programs)
      .values({ name: "Punti", type: "points" })
      .returning();
    await db.insert(enrollments).values(
      [
        [a.id, false],
        [b.id, true],
        [c.id, false],
      ].map(([customerId, isControl]) => ({
        programId: program!.id,
        customerId: customerId as number,
        isControl: isControl as boolean,
        enrolledAt: new Date("2025-01-01T00:00:00Z"),
      })),
    );
    await rebuildCustomerFeatures(db, new Date("2025-07-01T00:00:00Z"));
    ids = {
      milano,
      roma,
      program: program!.id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("gives each cohort's share buying again in days 0–7, 8–30 and 31–60, and their weighted mean", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const r = await api.retention.brackets({ ...firstHalf, ends: [7, 30, 60] });
    expect(r.brackets).toEqual([
      { fromDay: 0, toDay: 7 },
      { fromDay: 8, toDay: 30 },
      { fromDay: 31, toDay: 60 },
    ]);
    expect(r.rows.map((row) => [row.cohort, row.size, row.cells.map((c) => c.rate)])).toEqual([
      ["2025-01-01", 2, [0, 0, 0.5]],
      ["2025-03-01", 1, [0, 0, 1]],
    ]);
    expect(r.rows.every((row) => row.cells.every((c) => c.complete))).toBe(true);
    expect(r.mean.map((m) => m.rate)).toEqual([0, 0, 2 / 3]);
    // Offline only: a's return was online, so January has no 31–60 buyer.
    const offline = await api.retention.brackets({ ...firstHalf, ends: [60], channel: "offline" });
    expect(offline.rows.map((row) => row.cells[0]!.buyers)).toEqual([0, 1]);
  });

  it("caches only the default bracket list; a list the user types is computed live and stores nothing", async () => {
    const cachedLists = async () =>
      (
        await queryRows<{ ends: string }>(
          handle.db,
          sql`select distinct ends from retention_bracket_counts order by 1`,
        )
      ).map((r) => r.ends);
    const api = await callerFor(handle.db, ids.analyst);
    const typed = await api.retention.brackets({ ...firstHalf, ends: [5, 33, 61] });
    expect(typed.rows.map((row) => row.cells.map((c) => c.buyers))).toEqual([
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(await cachedLists()).not.toContain("5,33,61");
    const standard = await api.retention.brackets({
      ...firstHalf,
      ends: [...DEFAULT_BRACKET_ENDS],
    });
    expect(await cachedLists()).toContain(DEFAULT_BRACKET_ENDS.join(","));
    // Both answers read the same customers: the day-33 returns fall in 31–90 of the default list.
    expect(standard.rows.map((row) => row.cells[2]!.buyers)).toEqual([1, 1]);
  });

  it("marks a bracket that is still running and leaves it out of the mean", async () => {
    // On 2025-04-20, c (Mar 5) is 46 days in: 31–60 is not over for the March cohort.
    const api = await callerFor(handle.db, ids.analyst, new Date("2025-04-20T12:00:00Z"));
    const r = await api.retention.brackets({
      range: { from: "2025-01-01", to: "2025-04-20" },
      ends: [30, 60],
    });
    expect(r.rows.map((row) => row.cells[1]!.complete)).toEqual([true, false]);
    expect(r.mean[1]).toEqual({ rate: 0.5, cohorts: 1, customers: 2 });
  });

  it("refuses brackets that do not go up, with a message that says how to fix them", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    expect(await failure(api.retention.brackets({ ...firstHalf, ends: [30, 7] }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/go up/),
    });
  });

  it("keeps a store manager's brackets to their own store", async () => {
    const api = await callerFor(handle.db, ids.manager);
    const r = await api.retention.brackets({ ...firstHalf, ends: [60] });
    expect(r.rows.map((row) => [row.cohort, row.size])).toEqual([["2025-01-01", 2]]);
    expect(
      (await failure(api.retention.brackets({ ...firstHalf, storeId: ids.roma, ends: [60] }))).code,
    ).toBe("FORBIDDEN");
  });

  it("puts stores and a program's members and control group side by side", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const stores = await api.retention.sideBySide({
      ...firstHalf,
      series: [
        { kind: "store", storeId: ids.milano },
        { kind: "store", storeId: ids.roma },
      ],
    });
    expect(
      stores.curves.map((c) => [c.label, c.customers, c.mean[1]?.classicRate ?? null]),
    ).toEqual([
      ["Milano", 2, 0.5],
      ["Roma", 1, 1],
    ]);
    const program = await api.retention.sideBySide({
      ...firstHalf,
      series: [
        { kind: "program", programId: ids.program, group: "members" },
        { kind: "program", programId: ids.program, group: "control" },
      ],
    });
    expect(program.curves.map((c) => [c.label, c.customers, c.mean[1]?.classicRate])).toEqual([
      ["Punti · members", 2, 1],
      ["Punti · control group", 1, 0],
    ]);
  });

  it("keeps a store manager's curves to their own store and refuses another store's curve", async () => {
    const api = await callerFor(handle.db, ids.manager);
    const r = await api.retention.sideBySide({
      ...firstHalf,
      series: [
        { kind: "program", programId: ids.program, group: "members" },
        { kind: "store", storeId: ids.milano },
      ],
    });
    expect(r.curves.map((c) => [c.label, c.customers])).toEqual([
      ["Punti · members", 1],
      ["Milano", 2],
    ]);
    const refused = await failure(
      api.retention.sideBySide({
        ...firstHalf,
        series: [
          { kind: "store", storeId: ids.milano },
          { kind: "store", storeId: ids.roma },
        ],
      }),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("asks for two to four different curves", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const one = await failure(
      api.retention.sideBySide({ ...firstHalf, series: [{ kind: "store", storeId: ids.roma }] }),
    );
    expect(one).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/two/) });
    const twice = await failure(
      api.retention.sideBySide({
        ...firstHalf,
        series: [
          { kind: "store", storeId: ids.roma },
          { kind: "store", storeId: ids.roma },
        ],
      }),
    );
    expect(twice).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/once/) });
    const missing = await failure(
      api.retention.sideBySide({
        ...firstHalf,
        series: [
          { kind: "store", storeId: ids.roma },
          { kind: "segment", segmentId: 999 },
        ],
      }),
    );
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "The segment was not found." });
  });
});
