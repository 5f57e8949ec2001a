import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, type DbHandle } from "@boomerang/db";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { eq } from "drizzle-orm";
import { callerFor } from "../test/caller";

const june = { range: { from: "2025-06-01", to: "2025-06-30" } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR";
  }
}

describe.each(testDrivers())("overview procedure on $name", (driver) => {
  let handle: DbHandle;
  let ids: {
    milano: number;
    roma: number;
    admin: number;
    analyst: number;
    marketer: number;
    manager: number;
  };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_overview");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma" })).id;
    const a = await makeCustomer(db, { homeStoreId: milano });
    const b = await makeCustomer(db, { homeStoreId: roma });
    await makeOrder(db, {
      customerId: a.id,
      storeId: milano,
      placedAt: new Date("2025-06-10T10:00:00Z"),
      total: 4000,
    });
    await makeOrder(db, {
      customerId: b.id,
      storeId: roma,
      placedAt: new Date("2025-06-11T10:00:00Z"),
      total: 6000,
    });
    await makeOrder(db, {
      customerId: b.id,
      storeId: roma,
      placedAt: new Date("2025-05-11T10:00:00Z"),
      total: 1000,
    });
    ids = {
      milano,
      roma,
      admin: (await makeUser(db, { role: "admin" })).id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      marketer: (await makeUser(db, { role: "marketer" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("refuses callers without a session", async () => {
    const api = await callerFor(handle.db, null);
    expect(await codeOf(api.overview.get(june))).toBe("UNAUTHORIZED");
  });

  it("gives analysts, marketers and admins the whole business", async () => {
    for (const user of [ids.admin, ids.analyst, ids.marketer]) {
      const api = await callerFor(handle.db, user);
      const overview = await api.overview.get(june);
      expect(overview.current.revenue).toBe(10000);
      expect(overview.current.orders).toBe(2);
      expect(overview.previous.revenue).toBe(1000); // May 2 – May 31
      expect(overview.previousRange).toEqual({ from: "2025-05-02", to: "2025-05-31" });
      expect(overview.store).toBeNull();
    }
  });

  it("lets others pick a store", async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const roma = await api.overview.get({ ...june, storeId: ids.roma });
    expect(roma.current.revenue).toBe(6000);
    expect(roma.store?.name).toBe("Roma");
  });

  it("shows a store manager only their own store, even when asked for nothing in particular", async () => {
    const api = await callerFor(handle.db, ids.manager);
    const overview = await api.overview.get(june);
    expect(overview.store?.id).toBe(ids.milano);
    expect(overview.current.revenue).toBe(4000);
    const own = await api.overview.get({ ...june, storeId: ids.milano });
    expect(own.current.revenue).toBe(4000);
  });

  it("refuses a store manager another store's id", async () => {
    const api = await callerFor(handle.db, ids.manager);
    expect(await codeOf(api.overview.get({ ...june, storeId: ids.roma }))).toBe("FORBIDDEN");
  });

  it("lists only a store manager's own store", async () => {
    const manager = await callerFor(handle.db, ids.manager);
    expect((await manager.stores.list()).map((s) => s.id)).toEqual([ids.milano]);
    const analyst = await callerFor(handle.db, ids.analyst);
    expect((await analyst.stores.list()).length).toBe(2);
  });

  it("answers an unknown store with NOT_FOUND", async () => {
    const api = await callerFor(handle.db, ids.admin);
    expect(await codeOf(api.overview.get({ ...june, storeId: 99999 }))).toBe("NOT_FOUND");
  });

  it("rejects a period that ends before it starts, saying which field", async () => {
    const api = await callerFor(handle.db, ids.admin);
    const error = await api.overview
      .get({ range: { from: "2025-06-30", to: "2025-06-01" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain(
      "The start date must not be after the end date.",
    );
  });

  it("rejects malformed dates", async () => {
    const api = await callerFor(handle.db, ids.admin);
    expect(await codeOf(api.overview.get({ range: { from: "June 1st", to: "2025-06-30" } }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("takes a deactivation into account on the very next request", async () => {
    const user = await makeUser(handle.db, { role: "analyst" });
    expect(await codeOf((await callerFor(handle.db, user.id)).overview.get(june))).toBe("OK");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await codeOf((await callerFor(handle.db, user.id)).overview.get(june))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("takes a role change into account on the very next request", async () => {
    const user = await makeUser(handle.db, { role: "analyst" });
    await handle.db
      .update(users)
      .set({ role: "store_manager", storeId: ids.milano })
      .where(eq(users.id, user.id));
    const overview = await (await callerFor(handle.db, user.id)).overview.get(june);
    expect(overview.store?.id).toBe(ids.milano);
  });
});
