import { TRPCError } from "@trpc/server";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, businessSettings, customers, users, type DbHandle } from "@boomerang/db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { roles } from "@boomerang/domain";
import { settleDemoReset, startDemoReset } from "../services/settings/demo-reset";
import { callerFor, callerForClaim, claimFor } from "../test/caller";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return error.code;
  }
}

describe.each(testDrivers())("demo-data reset on $name", (driver) => {
  let handle: DbHandle;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_demo_reset");
    await makeBusiness(handle.db, { businessName: "Real Shop", timezone: "UTC" });
    const store = await makeStore(handle.db, { name: "Only" });
    for (const role of roles) {
      const user = await makeUser(handle.db, {
        role,
        storeId: role === "store_manager" ? store.id : null,
        // The admin shares the demo admin's email, so the reset is attributed to them afterwards.
        ...(role === "admin" ? { email: "admin@boomerang.demo", name: "Ada Admin" } : {}),
      });
      ids.set(role, user.id);
    }
    await makeCustomer(handle.db, { name: "Kept Nowhere" });
  });
  afterAll(async () => {
    await settleDemoReset();
    await handle?.close();
  });

  const confirmed = { confirmation: "replace all data", customers: 120 };

  it("refuses everyone but an admin on the server, and changes nothing", async () => {
    for (const role of roles.filter((r) => r !== "admin")) {
      const api = await callerFor(handle.db, ids.get(role)!);
      expect(await codeOf(api.settings.resetDemo(confirmed)), role).toBe("FORBIDDEN");
      expect(await codeOf(api.settings.resetDemoStatus()), role).toBe("FORBIDDEN");
    }
    expect(await codeOf((await callerFor(handle.db, null)).settings.resetDemo(confirmed))).toBe(
      "UNAUTHORIZED",
    );
    const [row] = await handle.db.select().from(businessSettings);
    expect(row?.businessName).toBe("Real Shop");
  });

  it("asks the admin to type the confirmation, and refuses a remote database", async () => {
    const api = await callerFor(handle.db, ids.get("admin")!);
    const wrong = await api.settings
      .resetDemo({ confirmation: "yes", customers: 120 })
      .then(() => null)
      .catch((e: unknown) => e as TRPCError);
    expect(wrong?.code).toBe("BAD_REQUEST");
    expect(wrong?.message).toContain('Type "replace all data"');
    const admin = { id: ids.get("admin")!, email: "admin@boomerang.demo", name: "Ada Admin" };
    expect(() =>
      startDemoReset(handle.db, admin, null, confirmed, new Date(), {
        databaseUrl: "postgres://shop@db.example.com:5432/prod",
      }),
    ).toThrow(/remote/);
    expect((await api.settings.resetDemoStatus()).state).not.toBe("running");
    expect(await handle.db.select().from(customers)).toHaveLength(1);
  });

  it("replaces every record with fresh demo data, reports progress and records who did it", async () => {
    const api = await callerFor(handle.db, ids.get("admin")!);
    const adminClaim = await claimFor(handle.db, ids.get("admin")!);
    const analystClaim = await claimFor(handle.db, ids.get("analyst")!);
    const started = await api.settings.resetDemo(confirmed);
    expect(started).toMatchObject({ state: "running", customers: 120 });
    // A second reset while the first runs is refused.
    expect(await codeOf(api.settings.resetDemo(confirmed))).toBe("CONFLICT");
    await settleDemoReset();
    const status = await api.settings.resetDemoStatus();
    expect(status).toMatchObject({ state: "done", error: null, signedIn: true });
    expect(status.step).toMatch(/^done: 120 customers/);
    // The admin who started it (the demo admin's email and id) keeps their session; every other
    // session ended with the account it belonged to, even where a demo login now has the same id.
    const sameAdmin = await callerForClaim(handle.db, adminClaim);
    expect((await sameAdmin.session.me()).user.email).toBe("admin@boomerang.demo");
    const staleAnalyst = await callerForClaim(handle.db, analystClaim);
    await expect(staleAnalyst.session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const [settings] = await handle.db.select().from(businessSettings);
    expect(settings).toMatchObject({ businessName: "Boomerang Demo Market", demoData: true });
    const [count] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(customers);
    expect(count?.n).toBe(120);
    expect(
      await handle.db.select().from(customers).where(eq(customers.name, "Kept Nowhere")),
    ).toEqual([]);
    const [demoAdmin] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "admin@boomerang.demo"));
    const [entry] = await handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: "demo.reset",
      entityType: "settings",
      actorId: demoAdmin!.id,
      changes: expect.objectContaining({
        by: { name: "Ada Admin", email: "admin@boomerang.demo" },
        customers: 120,
      }),
    });
  });

  it("lets an admin who is not a demo login follow the reset to the end, then signs them out", async () => {
    const owner = await makeUser(handle.db, { role: "admin", email: "owner@real.shop" });
    const claim = await claimFor(handle.db, owner.id);
    const asOwner = async () => callerForClaim(handle.db, claim);
    await (await asOwner()).settings.resetDemo(confirmed);
    await settleDemoReset();
    // Their account is gone, but the session that started the reset may still read how it ended.
    expect(await (await asOwner()).settings.resetDemoStatus()).toMatchObject({
      state: "done",
      signedIn: false,
    });
    await expect((await asOwner()).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Nobody else without a session may.
    expect(await codeOf((await callerFor(handle.db, null)).settings.resetDemoStatus())).toBe(
      "UNAUTHORIZED",
    );
  });
});
