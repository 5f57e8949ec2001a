import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildCustomerFeatures, segments, type DbHandle } from "@boomerang/db";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { callerFor } from "../test/caller";

const now = new Date("2025-07-01T12:00:00Z");

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `NOT_A_TRPC_ERROR: ${String(error)}`;
  }
}

describe.each(testDrivers())("customers procedures on $name", (driver) => {
  let handle: DbHandle;
  const ids = { milano: 0, roma: 0, anna: 0, bruno: 0, elena: 0 };
  const users = { admin: 0, marketer: 0, analyst: 0, manager: 0 };
  const as = (user: keyof typeof users) => callerFor(handle.db, users[user], now);

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_customers");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC", churnWindowDays: 60 });
    ids.milano = (await makeStore(db, { name: "Milano" })).id;
    ids.roma = (await makeStore(db, { name: "Roma", city: "Roma", region: "Lazio" })).id;
    const anna = await makeCustomer(db, {
      name: "Anna",
      city: "Milano",
      homeStoreId: ids.milano,
      consentEmail: true,
    });
    const bruno = await makeCustomer(db, {
      name: "Bruno",
      city: "Milano",
      homeStoreId: ids.milano,
    });
    const elena = await makeCustomer(db, { name: "Elena", city: "Roma", homeStoreId: ids.roma });
    Object.assign(ids, { anna: anna.id, bruno: bruno.id, elena: elena.id });
    // Anna bought last month (active), Bruno 100 days ago (lapsed with a 60-day window).
    await makeOrder(db, {
      customerId: anna.id,
      storeId: ids.milano,
      placedAt: new Date("2025-06-15T10:00:00Z"),
      total: 4000,
    });
    await makeOrder(db, {
      customerId: anna.id,
      storeId: ids.roma,
      placedAt: new Date("2025-05-15T10:00:00Z"),
      total: 2000,
    });
    await makeOrder(db, {
      customerId: bruno.id,
      storeId: ids.milano,
      placedAt: new Date("2025-03-23T10:00:00Z"),
      total: 9000,
    });
    await makeOrder(db, {
      customerId: elena.id,
      storeId: ids.roma,
      placedAt: new Date("2025-06-01T10:00:00Z"),
      total: 1000,
    });
    await rebuildCustomerFeatures(db, now);
    await db.insert(segments).values([
      {
        name: "Lives in Milano",
        rules: { kind: "and", children: [{ kind: "city", values: ["Milano"] }] },
      },
      {
        name: "Lives in Roma",
        rules: { kind: "and", children: [{ kind: "city", values: ["Roma"] }] },
      },
    ]);
    users.admin = (await makeUser(db, { role: "admin" })).id;
    users.marketer = (await makeUser(db, { role: "marketer" })).id;
    users.analyst = (await makeUser(db, { role: "analyst" })).id;
    users.manager = (await makeUser(db, { role: "store_manager", storeId: ids.milano })).id;
  });
  afterAll(async () => handle?.close());

  it.each(["admin", "marketer", "analyst"] as const)(
    "gives %s every store's customers",
    async (role) => {
      const page = await (await as(role)).customers.list({ sort: "name", direction: "asc" });
      expect(page.rows.map((r) => r.name)).toEqual(["Anna", "Bruno", "Elena"]);
      expect(page).toMatchObject({
        total: 3,
        totalCapped: false,
        page: 1,
        pageSize: 25,
        lapsedAfterDays: 60,
      });
      const roma = await (await as(role)).customers.list({ storeId: ids.roma });
      expect(roma.rows.map((r) => r.name)).toEqual(["Elena"]);
    },
  );

  it("gives a store manager their home customers only, and refuses another store's id", async () => {
    const manager = await as("manager");
    const page = await manager.customers.list({ sort: "name", direction: "asc" });
    expect(page.rows.map((r) => r.name)).toEqual(["Anna", "Bruno"]);
    expect(page.total).toBe(2);
    expect((await manager.customers.list({ search: "Elena" })).rows).toEqual([]);
    expect((await manager.customers.list({ storeId: ids.milano })).total).toBe(2);
    expect(await codeOf(manager.customers.list({ storeId: ids.roma }))).toBe("FORBIDDEN");
  });

  it("uses the churn window from Settings for active and lapsed", async () => {
    const admin = await as("admin");
    expect((await admin.customers.list({ activity: "lapsed" })).rows.map((r) => r.name)).toEqual([
      "Bruno",
    ]);
    expect(
      (await admin.customers.list({ activity: "active", sort: "name", direction: "asc" })).rows.map(
        (r) => r.name,
      ),
    ).toEqual(["Anna", "Elena"]);
  });

  it("refuses input it cannot use, saying how to fix it", async () => {
    const admin = await as("admin");
    expect(await codeOf(admin.customers.list({ pageSize: 7 }))).toBe("BAD_REQUEST");
    expect(await codeOf(admin.customers.list({ rfmGroup: "royalty" as never }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(admin.customers.list({ search: "x".repeat(200) }))).toBe("BAD_REQUEST");
    expect(await codeOf(admin.customers.get({ id: -1 }))).toBe("BAD_REQUEST");
  });

  it("opens one customer with KPIs, orders, months and the segments they are in", async () => {
    const anna = await (await as("marketer")).customers.get({ id: ids.anna });
    expect(anna.profile).toMatchObject({ name: "Anna", orders: 2, revenue: 6000 });
    expect(anna.averageOrderValue).toBe(3000);
    expect(anna.orders.map((o) => [o.total, o.storeName])).toEqual([
      [4000, "Milano"],
      [2000, "Roma"],
    ]);
    expect(anna.months).toEqual([
      { month: "2025-05-01", orders: 1, revenue: 2000 },
      { month: "2025-06-01", orders: 1, revenue: 4000 },
    ]);
    expect(anna.segments.map((s) => s.name)).toEqual(["Lives in Milano"]);
    expect(anna.memberships).toEqual([]);
  });

  it("lets a store manager open their own customer, and answers NOT_FOUND for another store's", async () => {
    const manager = await as("manager");
    expect((await manager.customers.get({ id: ids.bruno })).profile.name).toBe("Bruno");
    expect(await codeOf(manager.customers.get({ id: ids.elena }))).toBe("NOT_FOUND");
    expect(await codeOf(manager.customers.get({ id: 987_654 }))).toBe("NOT_FOUND");
    // Past PostgreSQL's integer range, or a NUL in a search: the caller's input, a 400, not a 500.
    expect(await codeOf(manager.customers.get({ id: 2_147_483_648 }))).toBe("BAD_REQUEST");
    expect(await codeOf(manager.customers.list({ search: "Bru\u0000no" }))).toBe("BAD_REQUEST");
    expect((await (await as("analyst")).customers.get({ id: ids.elena })).profile.name).toBe(
      "Elena",
    );
  });

  it("refuses a caller without a session", async () => {
    const anonymous = await callerFor(handle.db, null, now);
    expect(await codeOf(anonymous.customers.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymous.customers.get({ id: ids.anna }))).toBe("UNAUTHORIZED");
  });
});
