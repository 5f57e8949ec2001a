import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isControl, stratifiedControl } from "@boomerang/domain/programs";
import type { DbHandle } from "../../client";
import { enrollments, programs } from "../../schema";
import { makeCustomer, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { enrollMembers } from "./enroll-members";

const now = new Date("2025-07-01T00:00:00Z");

describe.each(testDrivers())("control group stratified by home store on $name", (driver) => {
  let handle: DbHandle;
  // Stores of very different sizes: 120, 40, 9 and 3 customers, plus 5 with no home store.
  const sizes = [120, 40, 9, 3];
  const customers: { id: number; storeId: number | null }[] = [];

  beforeAll(async () => {
    handle = await openTestDb(driver, "db_enroll_stratified");
    const db = handle.db;
    for (const size of sizes) {
      const store = (await makeStore(db)).id;
      for (let i = 0; i < size; i++)
        customers.push({ id: (await makeCustomer(db, { homeStoreId: store })).id, storeId: store });
    }
    for (let i = 0; i < 5; i++)
      customers.push({ id: (await makeCustomer(db, { homeStoreId: null })).id, storeId: null });
  });
  afterAll(async () => handle?.close());

  const newProgram = async (controlShareBp: number): Promise<number> => {
    const [row] = await handle.db
      .insert(programs)
      .values({ name: `Share ${controlShareBp}`, type: "stamp-card", controlShareBp })
      .returning();
    return row!.id;
  };

  const heldOut = async (programId: number): Promise<Set<number>> => {
    const rows = await handle.db
      .select({ customerId: enrollments.customerId, isControl: enrollments.isControl })
      .from(enrollments)
      .where(eq(enrollments.programId, programId));
    return new Set(rows.filter((r) => r.isControl).map((r) => r.customerId));
  };

  it("holds out each store's share to within one customer, exactly as the domain's twin", async () => {
    // A few shares, including ones where rounding matters for the small stores.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(500, 1000, 1700, 2500, 5000), async (bp) => {
        const id = await newProgram(bp);
        const result = await enrollMembers(handle.db, {
          programId: id,
          controlShareBp: bp,
          storeIds: [],
          enrolledAt: now,
          customerIds: null,
          segmentRules: null,
        });
        const held = await heldOut(id);
        expect(held).toEqual(stratifiedControl(id, customers, bp));
        expect(result).toEqual({ members: customers.length - held.size, control: held.size });
        for (const store of new Set(customers.map((c) => c.storeId))) {
          const inStore = customers.filter((c) => c.storeId === store);
          const control = inStore.filter((c) => held.has(c.id)).length;
          expect(Math.abs(control - (bp / 10000) * inStore.length)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 5 },
    );
  });

  it("represents the 9-customer store at 10%, and a newcomer enrolled alone keeps the plain hash", async () => {
    const id = await newProgram(1000);
    await enrollMembers(handle.db, {
      programId: id,
      controlShareBp: 1000,
      storeIds: [],
      enrolledAt: now,
      customerIds: null,
      segmentRules: null,
    });
    const held = await heldOut(id);
    const small = customers.slice(120 + 40, 120 + 40 + 9);
    expect(small.filter((c) => held.has(c.id))).toHaveLength(1);
    // Three customers at 10% is 0.3 of a customer: none held out there.
    const tiny = customers.slice(169, 172);
    expect(tiny.filter((c) => held.has(c.id))).toHaveLength(0);

    const store = customers[0]!.storeId!;
    const newcomer = (await makeCustomer(handle.db, { homeStoreId: store })).id;
    const added = await enrollMembers(handle.db, {
      programId: id,
      controlShareBp: 1000,
      storeIds: [],
      enrolledAt: now,
      customerIds: [newcomer],
      segmentRules: null,
    });
    const control = isControl(id, newcomer, 1000);
    expect(added).toEqual({ members: control ? 0 : 1, control: control ? 1 : 0 });
    // Re-enrolling the whole target adds nobody and moves nobody.
    const before = await heldOut(id);
    expect(
      await enrollMembers(handle.db, {
        programId: id,
        controlShareBp: 1000,
        storeIds: [],
        enrolledAt: now,
        customerIds: null,
        segmentRules: null,
      }),
    ).toEqual({ members: 0, control: 0 });
    expect(await heldOut(id)).toEqual(before);
  });
});
