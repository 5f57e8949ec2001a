import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { businessSettings, customers, users } from "../schema";
import { openTestDb, testDrivers } from "../testing/test-db";
import { countRows, hasBusinessSettings } from "./database-state";
import { demoLogins } from "./demo-users";
import { seedDemo, SeedRefusedError, type SeedSummary } from "./seed-demo";

const asOf = new Date("2026-05-01T00:00:00Z");

describe.each(testDrivers())("seedDemo on $name", (driver) => {
  let handle: DbHandle;
  let summary: SeedSummary;
  const progress: string[] = [];

  beforeAll(async () => {
    handle = await openTestDb(driver, "seed_demo");
    expect(await hasBusinessSettings(handle.db)).toBe(false);
    summary = await seedDemo(handle, {
      asOf,
      seed: 7,
      customers: 500,
      onProgress: (l) => progress.push(l),
    });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("stores exactly what the generator reported", async () => {
    const { counts } = summary;
    expect(counts.customers).toBe(500);
    expect(counts.orders).toBeGreaterThan(1000);
    expect(await countRows(handle.db, "stores")).toBe(7);
    expect(await countRows(handle.db, "users")).toBe(demoLogins.length);
    expect(await countRows(handle.db, "customers")).toBe(counts.customers);
    expect(await countRows(handle.db, "orders")).toBe(counts.orders);
    expect(await countRows(handle.db, "order_items")).toBe(counts.orderItems);
    expect(await countRows(handle.db, "customer_events")).toBe(counts.customerEvents);
    expect(progress.some((l) => l.startsWith("customers 500/500"))).toBe(true);
  });

  it("marks the business as demo data as of the given instant", async () => {
    const [settings] = await handle.db.select().from(businessSettings);
    expect(settings?.demoData).toBe(true);
    expect(settings?.demoAsOf?.toISOString()).toBe(asOf.toISOString());
    expect(settings?.businessName).toBe("Boomerang Demo Market");
  });

  it("creates every demo login with a bcrypt-verifiable password and the right store", async () => {
    for (const login of demoLogins) {
      const [user] = await handle.db.select().from(users).where(eq(users.email, login.email));
      expect(user?.role).toBe(login.role);
      expect(await bcrypt.compare(login.password, user!.passwordHash)).toBe(true);
      expect(user?.storeId === null).toBe(login.storeCode === null);
    }
  });

  it("moves sequences past the explicit ids so later inserts work", async () => {
    const [row] = await handle.db
      .insert(customers)
      .values({ externalId: "NEW-1", name: "Nuovo Cliente", signedUpAt: asOf })
      .returning({ id: customers.id });
    expect(row?.id).toBe(501);
    await handle.db.delete(customers).where(eq(customers.externalId, "NEW-1"));
  });

  it("refuses a second seed, and reseeds the same data with reset (either loader)", async () => {
    expect(await hasBusinessSettings(handle.db)).toBe(true);
    await expect(seedDemo(handle, { asOf, seed: 7, customers: 500 })).rejects.toBeInstanceOf(
      SeedRefusedError,
    );
    const checksum = async (): Promise<unknown> =>
      handle.db.execute(sql`select sum(total)::text as s, count(*)::int as n from orders`);
    const before = JSON.stringify(await checksum());
    const again = await seedDemo(handle, {
      asOf,
      seed: 7,
      customers: 500,
      reset: true,
      loader: "insert",
    });
    expect(again.counts).toEqual(summary.counts);
    expect(JSON.stringify(await checksum())).toBe(before);
  });
});
