import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrollments, programs, programVersions, queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore } from "@boomerang/db/testing/factories";
import { customerBalance, expireDuePoints, postOrder } from ".";
import { testOrder } from "../../test/order-input";

const order = (externalId: string, customerId: string, placedAt: string) =>
  testOrder(externalId, customerId, placedAt, 50_000);

describe.each(testDrivers())("time passing for lapsed members on $name", (driver) => {
  let handle: DbHandle;
  let programId: number;

  const ledger = () =>
    queryRows<{ customer: string; kind: string; amount: number; at: string }>(
      handle.db,
      sql`select c.external_id as customer, l.kind::text as kind, l.amount::int as amount,
                 to_char(l.effective_at at time zone 'UTC', 'YYYY-MM-DD') as at
          from ledger_entries l join customers c on c.id = l.customer_id
          where l.program_id = ${programId} order by l.id`,
    );

  beforeAll(async () => {
    handle = await openTestDb(driver, "ingest_time_passes");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    const [program] = await handle.db
      .insert(programs)
      .values({ name: "Points", type: "points", status: "active" })
      .returning();
    programId = program!.id;
    // 1 point per 10.00, usable at once, expiring 30 days later.
    await handle.db
      .insert(programVersions)
      .values({ programId, version: 1, config: { pendingDays: 0, expiryDays: 30 } });
    for (const [name, isControl] of [
      ["ANNA", false],
      ["BRUNO", false],
      ["CARLA", true],
      ["DORA", false],
    ] as const) {
      const customer = await makeCustomer(handle.db, { externalId: name });
      await handle.db.insert(enrollments).values({
        programId,
        customerId: customer.id,
        isControl,
        enrolledAt: new Date("2025-01-01T00:00:00Z"),
      });
    }
    const ctx = { db: handle.db, now: new Date("2025-07-25T12:00:00Z"), apiKeyId: null };
    await postOrder(ctx, order("T-1", "ANNA", "2025-06-10T10:00:00Z"));
    await postOrder(ctx, order("T-2", "BRUNO", "2025-07-20T10:00:00Z"));
    await postOrder(ctx, order("T-3", "CARLA", "2025-06-10T10:00:00Z"));
    await postOrder(ctx, order("T-5", "DORA", "2025-06-11T10:00:00Z"));
  }, 60_000);
  afterAll(() => handle.close());

  it("expires the points of members who never came back, once, at each lot's own expiry", async () => {
    const now = new Date("2025-08-01T03:00:00Z");
    // Two members due at once (their ledger keys must not collide).
    expect(await expireDuePoints(handle.db, now)).toEqual({ members: 2 });
    expect(await ledger()).toEqual([
      { customer: "ANNA", kind: "earn", amount: 50, at: "2025-06-10" },
      { customer: "BRUNO", kind: "earn", amount: 50, at: "2025-07-20" },
      { customer: "DORA", kind: "earn", amount: 50, at: "2025-06-11" },
      { customer: "ANNA", kind: "expire", amount: -50, at: "2025-07-10" },
      { customer: "DORA", kind: "expire", amount: -50, at: "2025-07-11" },
    ]);
    const balance = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(balance.programs).toEqual([expect.objectContaining({ available: 0 })]);
    // Again, or from a second server: nothing is due any more.
    expect(await expireDuePoints(handle.db, now)).toEqual({ members: 0 });
    expect(await ledger()).toHaveLength(5);
  });

  it("leaves points that are not due yet, and an order arriving later still earns", async () => {
    const later = new Date("2025-08-10T12:00:00Z");
    expect(await expireDuePoints(handle.db, new Date("2025-08-15T00:00:00Z"))).toEqual({
      members: 0,
    });
    // Placed before the sweep's time: applied as of Anna's last event (the sweep), still earning.
    const result = await postOrder(
      { db: handle.db, now: later, apiKeyId: null },
      order("T-4", "ANNA", "2025-07-30T10:00:00Z"),
    );
    expect(result.programs).toEqual([expect.objectContaining({ earned: 50, available: 50 })]);
  });
});
