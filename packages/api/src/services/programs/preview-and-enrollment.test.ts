import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enrollments,
  orderItems,
  rebuildCustomerFeatures,
  segments,
  type DbHandle,
} from "@boomerang/db";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { isControl } from "@boomerang/domain/programs";
import { callerFor } from "../../test/caller";
import { enrollNewCustomers } from "./enroll-new-customers";

const now = new Date("2025-07-01T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

const base = {
  segmentId: null,
  targetStoreIds: [] as number[],
  channels: ["online", "offline"] as ("online" | "offline")[],
  startsAt: null,
  endsAt: null,
  budgetCap: null,
  controlShareBp: 1000,
  messages: [],
};

describe.each(testDrivers())("program preview and new-customer enrollment on $name", (driver) => {
  let handle: DbHandle;
  let marketer: number;
  let milano: number;
  let regular: number;

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_program_preview");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    milano = (await makeStore(db)).id;
    marketer = (await makeUser(db, { role: "marketer" })).id;
    // A regular: 12 coffee orders (2 coffees each) over the last year.
    regular = (await makeCustomer(db, { homeStoreId: milano, name: "Giulia Regular" })).id;
    for (let m = 1; m <= 12; m++) {
      const order = await makeOrder(db, {
        customerId: regular,
        storeId: milano,
        placedAt: daysAgo(m * 28),
        total: 700,
      });
      await db.insert(orderItems).values({
        orderId: order.id,
        sku: "latte",
        name: "Latte",
        category: "coffee",
        quantity: 2,
        unitPrice: 350,
      });
    }
    const once = (await makeCustomer(db, { homeStoreId: milano })).id;
    await makeOrder(db, { customerId: once, storeId: milano, placedAt: daysAgo(10), total: 5000 });
    await rebuildCustomerFeatures(db, now);
  });
  afterAll(async () => handle?.close());

  it("shows what real typical customers would have earned, and changes when N changes", async () => {
    const api = await callerFor(handle.db, marketer, now);
    const preview = async (stampsRequired: number) => {
      const result = await api.programs.preview({
        ...base,
        type: "stamp-card",
        config: { stampsRequired, categories: ["coffee"] },
      });
      if (!result.ok) throw new Error(result.errors.join("; "));
      return result.customers.find((c) => c.profile === "regular");
    };
    const eight = await preview(8);
    expect(eight).toMatchObject({ customerId: regular, name: "Giulia Regular", orders: 12 });
    // 24 coffees: 3 full cards of 8, 2 of 6.
    expect(eight?.outcome.gifts.length).toBe(3);
    expect(eight?.reasons.some((r) => r.startsWith("gift"))).toBe(true);
    expect((await preview(6))?.outcome.gifts.length).toBe(4);
  });

  it("counts the welcome points a member gets with their first order, as live members do", async () => {
    const api = await callerFor(handle.db, marketer, now);
    const earnedBy = async (welcomePoints: number) => {
      const result = await api.programs.preview({
        ...base,
        type: "points",
        config: { welcomePoints, pendingDays: 0, expiryDays: 0 },
      });
      if (!result.ok) throw new Error(result.errors.join("; "));
      return result.customers.find((c) => c.profile === "regular")!.outcome.earned;
    };
    expect((await earnedBy(250)) - (await earnedBy(0))).toBe(250);
  });

  it("returns the configuration's errors instead of a preview", async () => {
    const api = await callerFor(handle.db, marketer, now);
    const result = await api.programs.preview({
      ...base,
      type: "stamp-card",
      config: { stampsRequired: 0 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toEqual(["config.stampsRequired"]);
  });

  it("enrolls new customers in the active programs whose target they match, on the hash's side", async () => {
    const api = await callerFor(handle.db, marketer, now);
    const other = (await makeStore(handle.db)).id;
    const everyone = await api.programs.create({
      ...base,
      name: "All",
      type: "points",
      config: {},
    });
    const milanOnly = await api.programs.create({
      ...base,
      name: "Milano",
      type: "points",
      config: {},
      targetStoreIds: [milano],
    });
    await api.programs.create({ ...base, name: "Still a draft", type: "points", config: {} });
    const [napoli] = await handle.db
      .insert(segments)
      .values({ name: "Napoli", rules: { kind: "city", values: ["Napoli"] } })
      .returning();
    const forNapoli = await api.programs.create({
      ...base,
      name: "Napoli",
      type: "points",
      config: {},
      segmentId: napoli!.id,
    });
    for (const p of [everyone, milanOnly, forNapoli])
      await api.programs.transition({ id: p.id, revision: 1, action: "activate" });

    const newcomers: number[] = [];
    for (let i = 0; i < 20; i++) {
      newcomers.push(
        (
          await makeCustomer(handle.db, {
            homeStoreId: i < 10 ? milano : other,
            city: i % 4 === 0 ? "Napoli" : "Bari",
          })
        ).id,
      );
    }
    const added = await enrollNewCustomers(handle.db, newcomers, now);
    // Everyone joins "All", the ten Milanese join "Milano", the five Neapolitans join "Napoli".
    expect(added.members + added.control).toBe(20 + 10 + 5);
    const napoletani = await handle.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.programId, forNapoli.id));
    expect(napoletani.map((r) => r.customerId).sort((a, b) => a - b)).toEqual(
      newcomers.filter((_, i) => i % 4 === 0),
    );
    const rows = await handle.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.programId, milanOnly.id));
    const milanNewcomers = rows.filter((r) => newcomers.includes(r.customerId));
    expect(milanNewcomers.map((r) => r.customerId).sort((a, b) => a - b)).toEqual(
      newcomers.slice(0, 10),
    );
    for (const r of milanNewcomers)
      expect(r.isControl).toBe(isControl(milanOnly.id, r.customerId, 1000));
    // Running it again (a retried import) enrolls nobody twice.
    expect(await enrollNewCustomers(handle.db, newcomers, now)).toEqual({ members: 0, control: 0 });
  });
});
