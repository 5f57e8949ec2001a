import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { customerEvents, enrollments, ledgerEntries, orderItems, programs } from "../../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import {
  customerMemberships,
  customerMonthlyPurchases,
  customerOrders,
  customerRecentEvents,
} from "./customer-activity";
import { noCustomerFilters, type CustomerFilters } from "./customer-filters";
import { customerProfile } from "./customer-profile";
import { customerExportPage, listCustomers, type CustomerSort } from "./list-customers";

const at = (iso: string) => new Date(iso);
const now = at("2025-07-01T12:00:00Z");

describe.each(testDrivers())("customers queries on $name", (driver) => {
  let handle: DbHandle;
  let milano = 0;
  let roma = 0;
  const ids: Record<string, number> = {};
  const scope = () => ({ storeScope: null, now, lapsedAfterDays: 90 });
  const list = (
    filters: Partial<CustomerFilters>,
    options: {
      sort?: CustomerSort;
      direction?: "asc" | "desc";
      offset?: number;
      limit?: number;
    } = {},
    storeScope: number | null = null,
  ) =>
    listCustomers(
      handle.db,
      {
        filters: { ...noCustomerFilters, ...filters },
        sort: options.sort ?? "name",
        direction: options.direction ?? "asc",
        offset: options.offset ?? 0,
        limit: options.limit ?? 50,
      },
      { ...scope(), storeScope },
    );
  const names = async (...args: Parameters<typeof list>) =>
    (await list(...args)).rows.map((r) => r.name);

  beforeAll(async () => {
    handle = await openTestDb(driver, "db_customers");
    const db = handle.db;
    await makeBusiness(db, { timezone: "Europe/Rome" });
    milano = (await makeStore(db, { name: "Milano" })).id;
    roma = (await makeStore(db, { name: "Roma" })).id;
    // Anna (Milano): two orders, the last in June: active. Email consent, prefers email.
    const anna = await makeCustomer(db, {
      name: "Anna Bianchi",
      email: "anna@example.test",
      externalId: "EXT-ANNA",
      homeStoreId: milano,
      consentEmail: true,
      preferredChannel: "email",
      signedUpAt: at("2024-01-10T00:00:00Z"),
    });
    const first = await makeOrder(db, {
      customerId: anna.id,
      storeId: milano,
      placedAt: at("2025-01-31T23:30:00Z"), // already February in Rome
      total: 3000,
    });
    await makeOrder(db, {
      customerId: anna.id,
      storeId: roma,
      placedAt: at("2025-06-10T10:00:00Z"),
      total: 5000,
      discount: 500,
    });
    await db.insert(orderItems).values([
      {
        orderId: first.id,
        sku: "COF-1",
        name: "Espresso",
        category: "coffee",
        quantity: 2,
        unitPrice: 1000,
      },
      {
        orderId: first.id,
        sku: "CUP-1",
        name: "Cup",
        category: "home",
        quantity: 1,
        unitPrice: 1000,
      },
    ]);
    // Bruno (Milano): one order a year ago: lapsed. SMS consent; his name has a literal %.
    const bruno = await makeCustomer(db, {
      name: "Bruno 100% Rossi",
      email: "bruno@example.test",
      phone: "+39 333 1234567",
      homeStoreId: milano,
      consentSms: true,
      preferredChannel: "sms",
      signedUpAt: at("2024-03-01T00:00:00Z"),
    });
    await makeOrder(db, {
      customerId: bruno.id,
      storeId: milano,
      placedAt: at("2024-07-01T10:00:00Z"),
      total: 20000,
    });
    // Carla (Roma): signed up, never bought, no consent.
    const carla = await makeCustomer(db, {
      name: "Carla Verdi",
      email: "carla@shop.test",
      homeStoreId: roma,
      signedUpAt: at("2025-05-01T00:00:00Z"),
    });
    // Dario (Roma): three orders, the last in June: active, the biggest spender.
    const dario = await makeCustomer(db, {
      name: "Dario Neri",
      homeStoreId: roma,
      consentPush: true,
      signedUpAt: at("2023-06-01T00:00:00Z"),
    });
    for (const [day, total] of [
      ["2025-04-02", 10000],
      ["2025-05-02", 12000],
      ["2025-06-20", 9000],
    ] as const)
      await makeOrder(db, {
        customerId: dario.id,
        storeId: roma,
        placedAt: at(`${day}T09:00:00Z`),
        total,
      });
    Object.assign(ids, { anna: anna.id, bruno: bruno.id, carla: carla.id, dario: dario.id });

    await rebuildCustomerFeatures(db, now);
    await db.execute(
      sql`update customer_features set rfm_group = 'champions', recency_score = 5, frequency_score = 5, monetary_score = 5,
            scored_at = ${now.toISOString()}::timestamptz, probability_active = 0.9, expected_purchases_12m = 3.2,
            expected_revenue_12m = 31000.4, predicted_at = ${now.toISOString()}::timestamptz
          where customer_id = ${dario.id}`,
    );
    await db.execute(
      sql`update customer_features set rfm_group = 'hibernating', expected_revenue_12m = 1200
          where customer_id = ${bruno.id}`,
    );

    // Anna is a member of a points program; Dario is held out as control.
    const [points] = await db
      .insert(programs)
      .values({ name: "Points", type: "points", status: "active" })
      .returning();
    await db.insert(enrollments).values([
      {
        programId: points!.id,
        customerId: anna.id,
        isControl: false,
        enrolledAt: at("2025-01-01T00:00:00Z"),
        tier: "silver",
      },
      {
        programId: points!.id,
        customerId: dario.id,
        isControl: true,
        enrolledAt: at("2025-01-01T00:00:00Z"),
      },
    ]);
    await db.insert(ledgerEntries).values([
      {
        programId: points!.id,
        customerId: anna.id,
        kind: "earn",
        unit: "points",
        amount: 300,
        effectiveAt: at("2025-02-01T00:00:00Z"),
      },
      {
        programId: points!.id,
        customerId: anna.id,
        kind: "redeem",
        unit: "points",
        amount: -100,
        effectiveAt: at("2025-03-01T00:00:00Z"),
      },
      // Still in the return window at `now`: pending, not usable.
      {
        programId: points!.id,
        customerId: anna.id,
        kind: "earn",
        unit: "points",
        amount: 50,
        effectiveAt: at("2025-06-10T10:00:00Z"),
        availableAt: at("2025-07-10T10:00:00Z"),
      },
      // After `now`: not counted at all.
      {
        programId: points!.id,
        customerId: anna.id,
        kind: "earn",
        unit: "points",
        amount: 999,
        effectiveAt: at("2025-08-01T00:00:00Z"),
      },
    ]);
    await db.insert(customerEvents).values([
      {
        customerId: anna.id,
        type: "message_opened",
        occurredAt: at("2025-06-01T08:00:00Z"),
        channel: "email",
      },
      {
        customerId: anna.id,
        type: "visit",
        occurredAt: at("2025-06-05T08:00:00Z"),
        storeId: milano,
      },
      {
        customerId: anna.id,
        type: "review",
        occurredAt: at("2025-08-05T08:00:00Z"),
        payload: { rating: 5 },
      },
    ]);
  });
  afterAll(async () => handle?.close());

  it("lists every customer with figures from the features table, sorted and counted", async () => {
    const page = await list({});
    expect(page.total).toBe(4);
    expect(page.totalCapped).toBe(false);
    expect(page.rows.map((r) => r.name)).toEqual([
      "Anna Bianchi",
      "Bruno 100% Rossi",
      "Carla Verdi",
      "Dario Neri",
    ]);
    const anna = page.rows[0]!;
    expect(anna).toMatchObject({
      externalId: "EXT-ANNA",
      homeStoreName: "Milano",
      orders: 2,
      revenue: 8000,
      memberships: 1,
      rfmGroup: null,
      predictedValue: null,
    });
    expect(anna.lastOrderAt?.toISOString()).toBe("2025-06-10T10:00:00.000Z");
    const dario = page.rows[3]!;
    expect(dario).toMatchObject({
      orders: 3,
      revenue: 31000,
      memberships: 0,
      rfmGroup: "champions",
    });
    expect(dario.predictedValue).toBeCloseTo(31000.4);
  });

  it("sorts by each column, both ways, never-bought customers last", async () => {
    expect(await names({}, { sort: "revenue", direction: "desc" })).toEqual([
      "Dario Neri",
      "Bruno 100% Rossi",
      "Anna Bianchi",
      "Carla Verdi",
    ]);
    expect(await names({}, { sort: "orders", direction: "asc" })).toEqual([
      "Carla Verdi",
      "Bruno 100% Rossi",
      "Anna Bianchi",
      "Dario Neri",
    ]);
    expect(await names({}, { sort: "lastOrder", direction: "desc" })).toEqual([
      "Dario Neri",
      "Anna Bianchi",
      "Bruno 100% Rossi",
      "Carla Verdi",
    ]);
    expect(await names({}, { sort: "lastOrder", direction: "asc" })).toEqual([
      "Bruno 100% Rossi",
      "Anna Bianchi",
      "Dario Neri",
      "Carla Verdi",
    ]);
    expect(await names({}, { sort: "signedUp", direction: "desc" })).toEqual([
      "Carla Verdi",
      "Bruno 100% Rossi",
      "Anna Bianchi",
      "Dario Neri",
    ]);
    // Ties (no prediction yet) fall back to the id, in the same direction.
    expect(await names({}, { sort: "predictedValue", direction: "desc" })).toEqual([
      "Dario Neri",
      "Bruno 100% Rossi",
      "Carla Verdi",
      "Anna Bianchi",
    ]);
  });

  it("pages without overlap and keeps the total of all matches", async () => {
    const first = await list({}, { sort: "name", limit: 3 });
    const second = await list({}, { sort: "name", limit: 3, offset: 3 });
    expect(first.rows.map((r) => r.name)).toEqual([
      "Anna Bianchi",
      "Bruno 100% Rossi",
      "Carla Verdi",
    ]);
    expect(second.rows.map((r) => r.name)).toEqual(["Dario Neri"]);
    expect(second.total).toBe(4);
  });

  it("searches name and email in part, external id and phone exactly, and treats % literally", async () => {
    expect(await names({ search: "bianchi" })).toEqual(["Anna Bianchi"]);
    expect(await names({ search: "@example.test" })).toEqual(["Anna Bianchi", "Bruno 100% Rossi"]);
    expect(await names({ search: "EXT-ANNA" })).toEqual(["Anna Bianchi"]);
    expect(await names({ search: "EXT-" })).toEqual([]);
    // An exact external id is that customer alone, within the scope and the other filters.
    expect(await names({ search: " EXT-ANNA " })).toEqual(["Anna Bianchi"]);
    expect(await names({ search: "EXT-ANNA" }, {}, roma)).toEqual([]);
    expect(await names({ search: "EXT-ANNA", activity: "lapsed" })).toEqual([]);
    expect(await names({ search: "+39 333 1234567" })).toEqual(["Bruno 100% Rossi"]);
    expect(await names({ search: "100%" })).toEqual(["Bruno 100% Rossi"]);
    expect(await names({ search: "%" })).toEqual(["Bruno 100% Rossi"]);
    const none = await list({ search: "nobody" });
    expect(none).toMatchObject({ rows: [], total: 0, totalCapped: false });
  });

  it("filters by home store, RFM group, preferred channel, consent and activity", async () => {
    expect(await names({ homeStoreId: roma })).toEqual(["Carla Verdi", "Dario Neri"]);
    expect(await names({ rfmGroup: "champions" })).toEqual(["Dario Neri"]);
    expect(await names({ preferredChannel: "sms" })).toEqual(["Bruno 100% Rossi"]);
    expect(await names({ consent: "email" })).toEqual(["Anna Bianchi"]);
    expect(await names({ consent: "any" })).toEqual([
      "Anna Bianchi",
      "Bruno 100% Rossi",
      "Dario Neri",
    ]);
    expect(await names({ consent: "none" })).toEqual(["Carla Verdi"]);
    expect(await names({ activity: "active" })).toEqual(["Anna Bianchi", "Dario Neri"]);
    expect(await names({ activity: "lapsed" })).toEqual(["Bruno 100% Rossi"]);
    expect(await names({ activity: "never" })).toEqual(["Carla Verdi"]);
    expect(await names({ activity: "active", homeStoreId: milano, consent: "email" })).toEqual([
      "Anna Bianchi",
    ]);
  });

  it("limits a store manager to their home customers whatever the filters ask", async () => {
    expect(await names({}, {}, milano)).toEqual(["Anna Bianchi", "Bruno 100% Rossi"]);
    expect(await names({ homeStoreId: roma }, {}, milano)).toEqual([]);
    expect(await names({ search: "Dario" }, {}, milano)).toEqual([]);
    expect((await list({}, {}, milano)).total).toBe(2);
  });

  it("exports the filtered customers by id, a page at a time, within the store scope", async () => {
    const all = await customerExportPage(handle.db, noCustomerFilters, scope(), 0, 2);
    expect(all.map((r) => r.name)).toEqual(["Anna Bianchi", "Bruno 100% Rossi"]);
    const rest = await customerExportPage(handle.db, noCustomerFilters, scope(), all[1]!.id, 2);
    expect(rest.map((r) => r.name)).toEqual(["Carla Verdi", "Dario Neri"]);
    const romaActive = await customerExportPage(
      handle.db,
      { ...noCustomerFilters, activity: "active" },
      { ...scope(), storeScope: roma },
      0,
      100,
    );
    expect(romaActive).toHaveLength(1);
    expect(romaActive[0]).toMatchObject({
      name: "Dario Neri",
      orders_count: 3,
      revenue: 31000,
      rfm_group: "champions",
      expected_revenue_12m: 31000,
      consent_push: true,
    });
  });

  it("reads one customer's profile and KPIs from their orders, and hides other stores' customers", async () => {
    const anna = await customerProfile(handle.db, ids.anna!, null);
    expect(anna).toMatchObject({
      name: "Anna Bianchi",
      homeStore: { id: milano, name: "Milano" },
      consent: { email: true, sms: false, messenger: false, push: false },
      orders: 2,
      revenue: 8000,
      rfm: null,
      prediction: null,
    });
    expect(anna?.firstOrderAt?.toISOString()).toBe("2025-01-31T23:30:00.000Z");
    const dario = await customerProfile(handle.db, ids.dario!, roma);
    expect(dario?.rfm).toMatchObject({ recency: 5, frequency: 5, monetary: 5, group: "champions" });
    expect(dario?.prediction).toMatchObject({ probabilityActive: 0.9, expectedPurchases12m: 3.2 });
    expect(await customerProfile(handle.db, ids.dario!, milano)).toBeNull();
    expect(await customerProfile(handle.db, 999_999, null)).toBeNull();
    const carla = await customerProfile(handle.db, ids.carla!, null);
    expect(carla).toMatchObject({ orders: 0, revenue: 0, firstOrderAt: null, lastOrderAt: null });
  });

  it("lists orders newest first with their items, and months in the business's time zone", async () => {
    const orders = await customerOrders(handle.db, ids.anna!, 10);
    expect(orders.map((o) => [o.total, o.discount, o.storeName, o.items.length])).toEqual([
      [5000, 500, "Roma", 0],
      [3000, 0, "Milano", 2],
    ]);
    expect(orders[1]!.items[0]).toEqual({
      sku: "COF-1",
      name: "Espresso",
      category: "coffee",
      quantity: 2,
      unitPrice: 1000,
    });
    expect(await customerOrders(handle.db, ids.dario!, 2)).toHaveLength(2);
    expect(await customerMonthlyPurchases(handle.db, ids.anna!, "Europe/Rome")).toEqual([
      { month: "2025-02-01", orders: 1, revenue: 3000 },
      { month: "2025-06-01", orders: 1, revenue: 5000 },
    ]);
    expect(await customerMonthlyPurchases(handle.db, ids.anna!, "UTC")).toEqual([
      { month: "2025-01-01", orders: 1, revenue: 3000 },
      { month: "2025-06-01", orders: 1, revenue: 5000 },
    ]);
  });

  it("shows memberships with balance, pending and tier, and control-group members as such", async () => {
    const anna = await customerMemberships(handle.db, ids.anna!, now);
    expect(anna).toHaveLength(1);
    expect(anna[0]).toMatchObject({
      programName: "Points",
      isControl: false,
      tier: "silver",
      balance: { points: 200, money: 0 },
      pending: { points: 50, money: 0 },
      earned: { points: 350, money: 0 },
      redeemed: { points: 100, money: 0 },
    });
    const dario = await customerMemberships(handle.db, ids.dario!, now);
    expect(dario).toMatchObject([
      { programName: "Points", isControl: true, balance: { points: 0 } },
    ]);
  });

  it("lists recent events up to now, newest first", async () => {
    const events = await customerRecentEvents(handle.db, ids.anna!, now, 10);
    expect(events.map((e) => [e.type, e.storeName, e.channel])).toEqual([
      ["visit", "Milano", null],
      ["message_opened", null, "email"],
    ]);
  });
});
