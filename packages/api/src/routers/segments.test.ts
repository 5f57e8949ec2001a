import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  enrollments,
  ledgerEntries,
  programs,
  rebuildCustomerFeatures,
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
import type { SegmentNode } from "@boomerang/domain/segments";
import { callerFor } from "../test/caller";

const now = new Date("2025-07-01T12:00:00Z");
const milanoCity: SegmentNode = { kind: "and", children: [{ kind: "city", values: ["Milano"] }] };
const twoOrders: SegmentNode = {
  kind: "ordersCount",
  window: { kind: "allTime" },
  range: { min: 2 },
};

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (error) {
    return error instanceof TRPCError
      ? { code: error.code, message: error.message }
      : { code: "NOT_A_TRPC_ERROR", message: String(error) };
  }
}

describe.each(testDrivers())("segments procedures on $name", (driver) => {
  let handle: DbHandle;
  let ids: {
    milano: number;
    roma: number;
    admin: number;
    analyst: number;
    marketer: number;
    manager: number;
    anna: number;
  };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_segments");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const milano = (await makeStore(db, { name: "Milano" })).id;
    const roma = (await makeStore(db, { name: "Roma", city: "Roma", region: "Lazio" })).id;
    const anna = await makeCustomer(db, {
      city: "Milano",
      homeStoreId: milano,
      birthDate: "1999-01-01",
      consentMessenger: true,
    });
    const bruno = await makeCustomer(db, {
      city: "Milano",
      homeStoreId: roma,
      birthDate: "1970-01-01",
    });
    await makeCustomer(db, { city: "Roma", homeStoreId: roma });
    for (const day of ["2025-05-01", "2025-06-01"]) {
      await makeOrder(db, {
        customerId: anna.id,
        placedAt: new Date(`${day}T10:00:00Z`),
        total: 2000,
      });
    }
    await makeOrder(db, {
      customerId: bruno.id,
      placedAt: new Date("2025-06-02T10:00:00Z"),
      total: 1000,
    });
    await rebuildCustomerFeatures(db, now);
    ids = {
      milano,
      roma,
      anna: anna.id,
      admin: (await makeUser(db, { role: "admin" })).id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      marketer: (await makeUser(db, { role: "marketer" })).id,
      manager: (await makeUser(db, { role: "store_manager", storeId: milano })).id,
    };
  });
  afterAll(async () => handle?.close());

  it("counts members and the share of the base, compiled in the database", async () => {
    const api = await callerFor(handle.db, ids.analyst, now);
    expect(await api.segments.count({ rules: milanoCity })).toEqual({ members: 2, base: 3 });
    const preview = await api.segments.preview({
      rules: { kind: "and", children: [milanoCity, twoOrders] },
    });
    expect(preview.members).toBe(1);
    expect(preview.sample.map((m) => m.id)).toEqual([ids.anna]);
    // Anna is 26: the 18–30 band, messengers, and she consents to them.
    expect(preview.recommendation).toMatchObject({ channel: "messenger", consentShare: 1 });
  });

  it("shows store managers their own store's members only", async () => {
    const api = await callerFor(handle.db, ids.manager, now);
    expect(await api.segments.count({ rules: milanoCity })).toEqual({ members: 1, base: 1 });
    expect(await failure(api.segments.sql({ rules: milanoCity }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const outsider = (
      await (await callerFor(handle.db, ids.analyst, now)).segments.preview({ rules: milanoCity })
    ).sample.find((m) => m.id !== ids.anna)!;
    expect(
      await failure(api.segments.explain({ rules: milanoCity, customerId: outsider.id })),
    ).toMatchObject({ code: "NOT_FOUND" });
  });

  it("explains why a customer is in the segment", async () => {
    const api = await callerFor(handle.db, ids.marketer, now);
    const why = await api.segments.explain({
      rules: { kind: "and", children: [milanoCity, twoOrders] },
      customerId: ids.anna,
    });
    expect(why.holds).toBe(true);
    expect(why.children[1]).toMatchObject({ holds: true, observed: "2 orders" });
  });

  it("shows analysts the SQL, with the clock as a parameter", async () => {
    const api = await callerFor(handle.db, ids.analyst, now);
    const query = await api.segments.sql({
      rules: { kind: "daysSinceLastOrder", range: { max: 30 } },
    });
    expect(query.sql).toContain("customer_features");
    // "At most 30 whole days since the last order" means the last order came after now − 31 days.
    expect(query.params).toContain(new Date(now.getTime() - 31 * 86_400_000).toISOString());
  });

  it("refuses malformed rules with a bad request", async () => {
    const api = await callerFor(handle.db, ids.marketer, now);
    const bad = { kind: "age", range: { min: 50, max: 20 } } as unknown as SegmentNode;
    expect(await failure(api.segments.count({ rules: bad }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("lets marketers create, version, duplicate and delete, auditing each change; analysts and managers cannot", async () => {
    for (const user of [ids.analyst, ids.manager]) {
      const api = await callerFor(handle.db, user, now);
      expect(
        (await failure(api.segments.create({ name: "X", description: "", rules: milanoCity })))
          .code,
      ).toBe("FORBIDDEN");
    }
    const api = await callerFor(handle.db, ids.marketer, now);
    const created = await api.segments.create({
      name: "Milano",
      description: "",
      rules: milanoCity,
    });
    expect(
      await api.segments.diff({
        id: created.id,
        rules: { kind: "and", children: [milanoCity, twoOrders] },
      }),
    ).toEqual({ added: 0, removed: 1, kept: 1 });
    await api.segments.update({
      id: created.id,
      version: 1,
      segment: {
        name: "Milano regulars",
        description: "",
        rules: { kind: "and", children: [milanoCity, twoOrders] },
      },
    });
    expect(
      (
        await failure(
          api.segments.update({
            id: created.id,
            version: 1,
            segment: { name: "Stale", description: "", rules: milanoCity },
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    const detail = await api.segments.get({ id: created.id });
    expect(detail.versions.map((v) => [v.version, v.memberCount])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    // A store manager reads the segment but not the all-store counts taken when it was saved.
    const managerDetail = await (
      await callerFor(handle.db, ids.manager, now)
    ).segments.get({ id: created.id });
    expect(managerDetail.versions.map((v) => [v.version, v.memberCount])).toEqual([
      [2, null],
      [1, null],
    ]);
    const copy = await api.segments.duplicate({ id: created.id });
    const list = await api.segments.list();
    expect(list.find((s) => s.id === copy.id)).toMatchObject({
      name: "Milano regulars (copy)",
      members: 1,
    });
    await api.segments.delete({ id: copy.id });
    const actions = await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityType, "segment"))
      .orderBy(auditLog.id);
    expect(actions.map((a) => a.action)).toEqual([
      "segment.created",
      "segment.updated",
      "segment.created",
      "segment.deleted",
    ]);
  });

  it("refuses to delete a segment a program uses, saying which", async () => {
    const api = await callerFor(handle.db, ids.admin, now);
    const segment = await api.segments.create({
      name: "Targeted",
      description: "",
      rules: milanoCity,
    });
    await handle.db
      .insert(programs)
      .values({ name: "Summer points", type: "points", status: "active", segmentId: segment.id });
    const refused = await failure(api.segments.delete({ id: segment.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain('"Summer points" (active)');
  });

  it("builds 'member of Punti Boomerang with a balance of at least 500 points' from the program pickers", async () => {
    const db = handle.db;
    const [punti] = await db
      .insert(programs)
      .values({ name: "Punti Boomerang", type: "points", status: "active" })
      .returning({ id: programs.id });
    const carla = await makeCustomer(db, { city: "Torino" });
    const dario = await makeCustomer(db, { city: "Torino" });
    const at = (d: string) => new Date(`${d}T09:00:00Z`);
    await db.insert(enrollments).values([
      {
        programId: punti!.id,
        customerId: ids.anna,
        isControl: false,
        enrolledAt: at("2025-01-10"),
        tier: "gold",
      },
      {
        programId: punti!.id,
        customerId: carla.id,
        isControl: false,
        enrolledAt: at("2025-01-10"),
      },
      { programId: punti!.id, customerId: dario.id, isControl: true, enrolledAt: at("2025-01-10") },
    ]);
    const entry = (customerId: number, amount: number, effective: string, available?: string) => ({
      programId: punti!.id,
      customerId,
      kind: amount > 0 ? ("earn" as const) : ("redeem" as const),
      unit: "points" as const,
      amount,
      effectiveAt: at(effective),
      availableAt: available === undefined ? null : at(available),
    });
    await db.insert(ledgerEntries).values([
      entry(ids.anna, 700, "2025-03-01"),
      entry(ids.anna, -100, "2025-04-01"),
      // Carla's 800 points are still in their return window on 1 July.
      entry(carla.id, 300, "2025-03-01"),
      entry(carla.id, 800, "2025-06-25", "2025-07-10"),
    ]);
    const api = await callerFor(db, ids.marketer, now);
    const options = await api.segments.options();
    expect(options.programs.find((p) => p.id === punti!.id)).toMatchObject({
      name: "Punti Boomerang",
      tiers: ["gold"],
    });
    const rules: SegmentNode = {
      kind: "and",
      children: [
        { kind: "programEnrollment", programId: punti!.id, group: "members" },
        { kind: "pointsBalance", programId: punti!.id, range: { min: 500 } },
      ],
    };
    expect((await api.segments.count({ rules })).members).toBe(1);
    const why = await api.segments.explain({ rules, customerId: carla.id });
    expect(why).toMatchObject({
      holds: false,
      children: [
        { holds: true, label: "Is a member of Punti Boomerang" },
        { observed: "300 points", label: "Points balance at least 500 in Punti Boomerang" },
      ],
    });
    // A week and a half later Carla's pending points are hers too.
    const later = await callerFor(db, ids.marketer, new Date("2025-07-11T12:00:00Z"));
    expect((await later.segments.count({ rules })).members).toBe(2);
    const control = await api.segments.count({
      rules: { kind: "programEnrollment", programId: punti!.id, group: "control" },
    });
    expect(control.members).toBe(1);
    expect(
      await failure(
        api.segments.count({
          rules: { kind: "pointsBalance", programId: 0, range: { min: 500 } },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("browses a segment's versions and restores an older one as a new, audited version", async () => {
    const api = await callerFor(handle.db, ids.marketer, now);
    const created = await api.segments.create({
      name: "History",
      description: "",
      rules: milanoCity,
    });
    await api.segments.update({
      id: created.id,
      version: 1,
      segment: {
        name: "History",
        description: "",
        rules: { kind: "and", children: [milanoCity, twoOrders] },
      },
    });
    const history = await api.segments.versions({ id: created.id });
    expect(history.map((v) => [v.version, v.current, v.membersThen, v.membersNow])).toEqual([
      [2, true, 1, 1],
      [1, false, 2, 2],
    ]);
    expect(history[1]).toMatchObject({ summary: "(Lives in Milano)", author: expect.any(String) });

    expect(
      (await failure(api.segments.restoreVersion({ id: created.id, version: 1, restore: 1 }))).code,
    ).toBe("CONFLICT");
    const analyst = await callerFor(handle.db, ids.analyst, now);
    expect(
      (await failure(analyst.segments.restoreVersion({ id: created.id, version: 2, restore: 1 })))
        .code,
    ).toBe("FORBIDDEN");
    const restored = await api.segments.restoreVersion({ id: created.id, version: 2, restore: 1 });
    expect(restored.version).toBe(3);
    const detail = await api.segments.get({ id: created.id });
    expect(detail.rules).toEqual(milanoCity);
    expect(detail.versions.map((v) => [v.version, v.memberCount])).toEqual([
      [3, 2],
      [2, 1],
      [1, 2],
    ]);
    const [audit] = await handle.db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.action, "segment.restored"));
    expect(audit?.changes).toMatchObject({ restoredVersion: 1, newVersion: 3 });

    // Store managers see today's size within their store, never the all-store size when saved.
    const manager = await callerFor(handle.db, ids.manager, now);
    expect((await manager.segments.versions({ id: created.id }))[0]).toMatchObject({
      membersThen: null,
      membersNow: 1,
    });
  });

  it("gives each saved segment its size at the last 12 week ends", async () => {
    const api = await callerFor(handle.db, ids.analyst, now);
    const marketer = await callerFor(handle.db, ids.marketer, now);
    const saved = await marketer.segments.create({
      name: "Bought in the last 30 days",
      description: "",
      rules: { kind: "ordersCount", window: { kind: "lastDays", days: 30 }, range: { min: 1 } },
    });
    const trend = await api.segments.sizeTrend({ id: saved.id });
    expect(trend).toHaveLength(12);
    // Anna bought on 1 May and 1 June (10:00), Bruno on 2 June.
    const at = (day: string) => trend.find((p) => p.at.startsWith(day))?.members;
    expect(trend[0]).toEqual({ at: "2025-04-15T12:00:00.000Z", members: 0 });
    expect([at("2025-05-13"), at("2025-06-03"), at("2025-07-01")]).toEqual([1, 2, 1]);
    expect(trend.at(-1)?.at).toBe(now.toISOString());
    // A store manager's trend counts their store's customers only (Anna; Bruno is Roma's).
    const manager = await callerFor(handle.db, ids.manager, now);
    const theirs = await manager.segments.sizeTrend({ id: saved.id });
    expect(theirs.map((p) => p.members).slice(-5)).toEqual([1, 1, 1, 1, 0]);
  });
});
