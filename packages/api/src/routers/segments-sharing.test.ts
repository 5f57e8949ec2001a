import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, type DbHandle } from "@boomerang/db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import type { SegmentNode } from "@boomerang/domain/segments";
import { callerFor } from "../test/caller";

const now = new Date("2025-07-01T12:00:00Z");
const milano: SegmentNode = { kind: "city", values: ["Milano"] };
const email: SegmentNode = { kind: "consent", channel: "email" };

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `NOT_A_TRPC_ERROR: ${String(error)}`;
  }
}

describe.each(testDrivers())("segment snapshots and overlap procedures on $name", (driver) => {
  let handle: DbHandle;
  const ids = { own: 0, other: 0, marketer: 0, analyst: 0, manager: 0, milano: 0, email: 0 };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_segments_sharing");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    ids.own = (await makeStore(db, { name: "Own" })).id;
    ids.other = (await makeStore(db, { name: "Other" })).id;
    // Milano: two in the own store (one consents to email), one elsewhere (consents). Roma: one own, consents.
    for (const [city, homeStoreId, consentEmail] of [
      ["Milano", ids.own, true],
      ["Milano", ids.own, false],
      ["Milano", ids.other, true],
      ["Roma", ids.own, true],
    ] as const)
      await makeCustomer(db, { city, homeStoreId, consentEmail });
    ids.marketer = (await makeUser(db, { role: "marketer" })).id;
    ids.analyst = (await makeUser(db, { role: "analyst" })).id;
    ids.manager = (await makeUser(db, { role: "store_manager", storeId: ids.own })).id;
    const api = await callerFor(db, ids.marketer, now);
    ids.milano = (await api.segments.create({ name: "Milano", description: "", rules: milano })).id;
    ids.email = (await api.segments.create({ name: "Email", description: "", rules: email })).id;
  });
  afterAll(async () => handle?.close());

  it("lets a marketer freeze and delete a snapshot, audited; others cannot", async () => {
    const marketer = await callerFor(handle.db, ids.marketer, now);
    const frozen = await marketer.segments.freezeSnapshot({ id: ids.milano, note: "June send" });
    expect(frozen).toMatchObject({ memberCount: 3, segmentVersion: 1 });

    for (const user of [ids.analyst, ids.manager]) {
      const api = await callerFor(handle.db, user, now);
      expect(await code(api.segments.freezeSnapshot({ id: ids.milano }))).toBe("FORBIDDEN");
      expect(
        await code(api.segments.deleteSnapshot({ id: ids.milano, snapshotId: frozen.id })),
      ).toBe("FORBIDDEN");
    }

    // Everyone can list; the store manager sees the members in their own store.
    const analystList = await (
      await callerFor(handle.db, ids.analyst, now)
    ).segments.snapshots({ id: ids.milano });
    expect(analystList).toHaveLength(1);
    expect(analystList[0]).toMatchObject({ memberCount: 3, membersInScope: 3, note: "June send" });
    const managerList = await (
      await callerFor(handle.db, ids.manager, now)
    ).segments.snapshots({ id: ids.milano });
    // The whole business's count is not a store manager's to see.
    expect(managerList[0]).toMatchObject({ memberCount: null, membersInScope: 2 });

    // A snapshot is deleted through its own segment only.
    expect(
      await code(marketer.segments.deleteSnapshot({ id: ids.email, snapshotId: frozen.id })),
    ).toBe("NOT_FOUND");
    await marketer.segments.deleteSnapshot({ id: ids.milano, snapshotId: frozen.id });
    expect(await marketer.segments.snapshots({ id: ids.milano })).toEqual([]);
    expect(await code(marketer.segments.freezeSnapshot({ id: 999_999 }))).toBe("NOT_FOUND");

    const actions = await handle.db
      .select({ action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(ids.milano)));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["segment.snapshot_created", "segment.snapshot_deleted"]),
    );
  });

  it("counts the overlap of saved segments, in the store manager's store only", async () => {
    const analyst = await callerFor(handle.db, ids.analyst, now);
    const all = await analyst.segments.overlap({ ids: [ids.milano, ids.email] });
    expect(all.segments).toEqual([
      { id: ids.milano, name: "Milano", members: 3 },
      { id: ids.email, name: "Email", members: 3 },
    ]);
    expect(all.regions.map((r) => r.customers)).toEqual([2, 1, 1, 0]);
    expect(all.base).toBe(4);

    const manager = await callerFor(handle.db, ids.manager, now);
    const own = await manager.segments.overlap({ ids: [ids.milano, ids.email] });
    expect(own.segments.map((s) => s.members)).toEqual([2, 2]);
    expect(own.regions.map((r) => r.customers)).toEqual([1, 1, 1, 0]);
    expect(own.base).toBe(3);
  });

  it("refuses one segment, the same segment twice, and unknown segments", async () => {
    const analyst = await callerFor(handle.db, ids.analyst, now);
    expect(await code(analyst.segments.overlap({ ids: [ids.milano] }))).toBe("BAD_REQUEST");
    expect(await code(analyst.segments.overlap({ ids: [ids.milano, ids.milano] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await code(analyst.segments.overlap({ ids: [ids.milano, 999_999] }))).toBe("NOT_FOUND");
  });
});
