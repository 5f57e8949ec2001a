import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { DbHandle } from "../../client";
import { segments } from "../../schema";
import { makeCustomer, makeStore, makeUser } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { queryRows } from "../rows";
import { segmentExportPages, type ExportChannel, type ExportSource } from "./export-members";
import { segmentOverlap } from "./overlap";
import { deleteSegmentSnapshot, freezeSegmentSnapshot, listSegmentSnapshots } from "./snapshots";

const now = new Date("2025-07-01T12:00:00Z");
const city = (name: string): SegmentNode => ({ kind: "city", values: [name] });
const email: SegmentNode = { kind: "consent", channel: "email" };
const milano = city("Milano");

describe.each(testDrivers())("segment snapshots, overlap and export on $name", (driver) => {
  let handle: DbHandle;
  let store = { a: 0, b: 0 };
  let segmentId = 0;
  let userId = 0;
  const people: Record<string, number> = {};

  beforeAll(async () => {
    handle = await openTestDb(driver, "db_segment_sharing");
    const db = handle.db;
    store = {
      a: (await makeStore(db, { name: "A" })).id,
      b: (await makeStore(db, { name: "B" })).id,
    };
    // Milano: m1 (A, email), m2 (A), m3 (B, email). Roma: r1 (A, email), r2 (B).
    const rows: [string, string, number, boolean][] = [
      ["m1", "Milano", store.a, true],
      ["m2", "Milano", store.a, false],
      ["m3", "Milano", store.b, true],
      ["r1", "Roma", store.a, true],
      ["r2", "Roma", store.b, false],
    ];
    for (const [key, c, homeStoreId, consentEmail] of rows)
      people[key] = (
        await makeCustomer(db, {
          name: key,
          city: c,
          homeStoreId,
          consentEmail,
          email: `${key}@example.com`,
        })
      ).id;
    userId = (await makeUser(db, { role: "marketer", name: "Marta" })).id;
    const [row] = await db
      .insert(segments)
      .values({ name: "Milano", rules: milano as Record<string, unknown> })
      .returning();
    segmentId = row!.id;
  });
  afterAll(async () => handle?.close());

  it("freezes the member list with one insert, and keeps it when customers change", async () => {
    const db = handle.db;
    const frozen = await db.transaction((tx) =>
      freezeSegmentSnapshot(tx as unknown as typeof db, {
        segmentId,
        segmentVersion: 1,
        rules: milano,
        asOf: now,
        note: "before the campaign",
        createdBy: userId,
      }),
    );
    expect(frozen.memberCount).toBe(3);
    const members = await queryRows<{ id: number }>(
      db,
      sql`select customer_id::int as id from segment_snapshot_members where snapshot_id = ${frozen.id}::int order by 1`,
    );
    expect(members.map((m) => m.id)).toEqual([people.m1, people.m2, people.m3]);

    // m2 moves to Roma: the live segment changes, the snapshot does not.
    await db.execute(sql`update customers set city = 'Roma' where id = ${people.m2}::int`);
    const page = (source: ExportSource) =>
      segmentExportPages(db, { source, channel: "all", storeId: null, pageSize: 100 })(0);
    expect((await page({ kind: "segment", rules: milano, now })).map((r) => r.name)).toEqual([
      "m1",
      "m3",
    ]);
    expect((await page({ kind: "snapshot", snapshotId: frozen.id })).map((r) => r.name)).toEqual([
      "m1",
      "m2",
      "m3",
    ]);
    await db.execute(sql`update customers set city = 'Milano' where id = ${people.m2}::int`);

    const listed = await listSegmentSnapshots(db, segmentId, null);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: frozen.id,
      memberCount: 3,
      membersInScope: 3,
      note: "before the campaign",
      createdByName: "Marta",
    });
    expect(listed[0]!.asOf.toISOString()).toBe(now.toISOString());
    // A store manager of B sees one of the three.
    expect((await listSegmentSnapshots(db, segmentId, store.b))[0]!.membersInScope).toBe(1);

    expect(await deleteSegmentSnapshot(db, frozen.id)).toBe(true);
    expect(await deleteSegmentSnapshot(db, frozen.id)).toBe(false);
    const left = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from segment_snapshot_members where snapshot_id = ${frozen.id}::int`,
    );
    expect(left[0]!.n).toBe(0);
  });

  it("exports only consenting, reachable customers of the store in scope, page by page", async () => {
    const db = handle.db;
    const source = { kind: "segment" as const, rules: milano, now };
    const firstPage = (channel: ExportChannel, storeId: number | null) =>
      segmentExportPages(db, { source, channel, storeId, pageSize: 100 })(0);
    expect((await firstPage("email", null)).map((r) => r.name)).toEqual(["m1", "m3"]);
    expect((await firstPage("email", store.a)).map((r) => r.name)).toEqual(["m1"]);
    // No phone numbers: nobody is reachable by SMS.
    expect(await firstPage("sms", null)).toEqual([]);
    // Keyset paging: the second page starts after the last id of the first; the members are
    // settled by the first page, so one who leaves the segment meanwhile is still exported.
    const pages = segmentExportPages(db, { source, channel: "all", storeId: null, pageSize: 2 });
    const first = await pages(0);
    await db.execute(sql`update customers set city = 'Roma' where id = ${people.m3}::int`);
    const second = await pages(first[1]!.id);
    await db.execute(sql`update customers set city = 'Milano' where id = ${people.m3}::int`);
    expect(await pages(second[0]!.id)).toEqual([]);
    expect([...first, ...second].map((r) => r.name)).toEqual(["m1", "m2", "m3"]);
    // A phone goes out only with SMS or messenger consent.
    await db.execute(
      sql`update customers set phone = '+39 333 1234567' where id = ${people.m2}::int`,
    );
    const phoneOf = async () =>
      (
        await segmentExportPages(db, { source, channel: "all", storeId: null, pageSize: 10 })(0)
      ).find((r) => r.name === "m2")!.phone;
    expect(await phoneOf()).toBeNull();
    await db.execute(
      sql`update customers set consent_messenger = true where id = ${people.m2}::int`,
    );
    expect(await phoneOf()).toBe("+39 333 1234567");
    await db.execute(
      sql`update customers set phone = null, consent_messenger = false where id = ${people.m2}::int`,
    );
    // Everyone is listed, but m2's address (no email consent) is not exported.
    expect([...first, ...second].map((r) => [r.name, r.email])).toEqual([
      ["m1", "m1@example.com"],
      ["m2", null],
      ["m3", "m3@example.com"],
    ]);
  });

  it("counts every region of two and three overlapping segments in one query", async () => {
    const db = handle.db;
    const two = await segmentOverlap(db, [milano, email], { now });
    expect(two.regions).toEqual([
      { inside: [true, true], customers: 2 }, // m1, m3
      { inside: [true, false], customers: 1 }, // m2
      { inside: [false, true], customers: 1 }, // r1
      { inside: [false, false], customers: 1 }, // r2
    ]);
    expect(two.totals).toEqual([3, 3]);
    expect(two.base).toBe(5);

    const storeA: SegmentNode = { kind: "homeStore", storeIds: [store.a] };
    const three = await segmentOverlap(db, [milano, email, storeA], { now });
    const region = (inside: boolean[]) =>
      three.regions.find((r) => r.inside.join() === inside.join())!.customers;
    expect(three.regions).toHaveLength(8);
    expect(region([true, true, true])).toBe(1); // m1
    expect(region([true, true, false])).toBe(1); // m3
    expect(region([true, false, true])).toBe(1); // m2
    expect(region([false, true, true])).toBe(1); // r1
    expect(region([false, false, false])).toBe(1); // r2
    expect(three.totals).toEqual([3, 3, 3]);

    // A store manager of B: m3 and r2 only.
    const scoped = await segmentOverlap(db, [milano, email], { now, storeId: store.b });
    expect(scoped.regions.map((r) => r.customers)).toEqual([1, 0, 0, 1]);
    expect(scoped.base).toBe(2);
  });

  it("refuses fewer than two or more than three segments", async () => {
    await expect(segmentOverlap(handle.db, [milano], { now })).rejects.toThrow(RangeError);
  });
});
