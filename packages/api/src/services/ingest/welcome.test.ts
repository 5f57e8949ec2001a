import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enrollments,
  programs,
  programVersions,
  queryRows,
  type Database,
  type DbHandle,
} from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { postOrder } from ".";
import { testOrder } from "../../test/order-input";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");

/** An active program of `type` (running from 1 June 2025) with the customers enrolled. */
async function runningProgram(
  db: Database,
  type: string,
  config: Record<string, unknown>,
  customerIds: number[],
) {
  const [program] = await db
    .insert(programs)
    .values({ name: `${type} club`, type, status: "active" })
    .returning();
  await db.insert(programVersions).values({
    programId: program!.id,
    version: 1,
    config: { startsAt: Date.parse("2025-06-01T00:00:00Z"), ...config },
  });
  await db.insert(enrollments).values(
    customerIds.map((customerId) => ({
      programId: program!.id,
      customerId,
      isControl: false,
      enrolledAt: new Date("2025-06-01T00:00:00Z"),
    })),
  );
  return program!.id;
}

const order = testOrder;

// Orders and referrals arrive without a sign-up event: a member joins with their first one while
// the program runs, so welcome points arrive and card-holder offers apply (before, neither did).
describe.each(testDrivers())("members join with their first order on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  let welcomeId: number;
  let ids: Record<string, number>;
  const ctx = () => ({ db: handle.db, now, apiKeyId: null });
  const ledgerOf = (customer: string) =>
    queryRows<{ kind: string; amount: number; order: string | null; note: string }>(
      handle.db,
      sql`select l.kind::text as kind, l.amount::int as amount, o.external_id as order, l.note
          from ledger_entries l left join orders o on o.id = l.order_id
          where l.customer_id = ${ids[customer]!} and l.program_id = ${welcomeId} order by l.id`,
    );

  const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";
  /** Imports an orders file of these lines (after the header) as the admin. */
  const importOrders = async (rows: string[]) =>
    (await importLines(handle.db, { userId, kind: "orders", lines: [header, ...rows], now }))
      .outcome;

  /**
   * A member of the welcome program with their first order imported, whose state then reads as one
   * saved before sign-ups were applied: the order counted, never joined.
   */
  const memberBeforeSignups = async (externalId: string, firstOrder: string) => {
    const customer = await makeCustomer(handle.db, { externalId });
    ids[externalId] = customer.id;
    await handle.db.insert(enrollments).values({
      programId: welcomeId,
      customerId: customer.id,
      isControl: false,
      enrolledAt: new Date("2025-06-01T00:00:00Z"),
    });
    expect(await importOrders([firstOrder])).toMatchObject({ ok: true });
    await handle.db.execute(
      sql`update enrollments set state = jsonb_set(state, '{joinedAt}', 'null'::jsonb)
          where customer_id = ${customer.id} and program_id = ${welcomeId}`,
    );
  };

  beforeAll(async () => {
    handle = await openTestDb(driver, "ingest_welcome");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    ids = {};
    for (const name of ["ANNA", "BRUNO", "CARLA"])
      ids[name] = (await makeCustomer(handle.db, { externalId: name })).id;
    // 50 welcome points; 1 point per 10.00, usable at once.
    welcomeId = await runningProgram(
      handle.db,
      "points",
      { welcomePoints: 50, pendingDays: 0 },
      Object.values(ids),
    );
  }, 60_000);
  afterAll(() => handle.close());

  it("a member's first order through the API brings the welcome points, once", async () => {
    const first = await postOrder(ctx(), order("W-1", "ANNA", "2025-06-10T10:00:00Z", 10_000));
    expect(first.programs).toEqual([
      expect.objectContaining({ programId: welcomeId, earned: 60, available: 60 }),
    ]);
    await postOrder(ctx(), order("W-2", "ANNA", "2025-06-12T10:00:00Z", 10_000));
    expect(await ledgerOf("ANNA")).toEqual([
      { kind: "earn", amount: 50, order: null, note: "welcome points" },
      expect.objectContaining({ kind: "earn", amount: 10, order: "W-1" }),
      expect.objectContaining({ kind: "earn", amount: 10, order: "W-2" }),
    ]);
  });

  it("an order placed before the program started does not make the member join", async () => {
    await postOrder(ctx(), order("W-3", "BRUNO", "2025-05-20T10:00:00Z", 10_000));
    expect(await ledgerOf("BRUNO")).toEqual([]);
    await postOrder(ctx(), order("W-4", "BRUNO", "2025-06-05T10:00:00Z", 20_000));
    expect((await ledgerOf("BRUNO")).map((e) => [e.amount, e.order])).toEqual([
      [50, null],
      [20, "W-4"],
    ]);
  });

  it("an imported member's first order brings them too, and importing the file again adds nothing", async () => {
    const rows = [
      "W-6,CARLA,2025-06-20 10:00,MIL,A1,Beans,coffee,1,30.00",
      "W-5,CARLA,2025-06-15 10:00,MIL,A1,Beans,coffee,1,10.00",
    ];
    expect(await importOrders(rows)).toMatchObject({
      ok: true,
      counts: { inserted: 2 },
    });
    const expected = [
      [50, null],
      [1, "W-5"],
      [3, "W-6"],
    ];
    expect((await ledgerOf("CARLA")).map((e) => [e.amount, e.order])).toEqual(expected);
    expect(await importOrders(rows)).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
    expect((await ledgerOf("CARLA")).map((e) => [e.amount, e.order])).toEqual(expected);
  });

  it("a member who had been taking part before sign-ups were applied gets no belated welcome", async () => {
    // A state saved before: two orders counted, never signed up.
    const frida = await makeCustomer(handle.db, { externalId: "FRIDA" });
    await handle.db.insert(enrollments).values({
      programId: welcomeId,
      customerId: frida.id,
      isControl: false,
      enrolledAt: new Date("2025-06-01T00:00:00Z"),
      state: {
        customerId: String(frida.id),
        joinedAt: null,
        clock: Date.parse("2025-06-05T10:00:00Z"),
        lots: [],
        orders: [],
        orderCount: 2,
        lifetimeSpend: 20_000,
        rewardCost: 0,
        ext: null,
      },
    });
    const next = await postOrder(ctx(), order("W-8", "FRIDA", "2025-06-10T10:00:00Z", 10_000));
    expect(next.programs).toEqual([expect.objectContaining({ programId: welcomeId, earned: 10 })]);
  });

  it("a member whose only order counted before sign-ups gets no welcome when an import edits it", async () => {
    await memberBeforeSignups("GINO", "G-1,GINO,2025-06-12 10:00,MIL,A1,Beans,coffee,1,20.00");
    expect(
      await importOrders(["G-1,GINO,2025-06-12 10:00,MIL,A1,Beans,coffee,1,30.00"]),
    ).toMatchObject({ ok: true, counts: { updated: 1 } });
    // The edit takes back and earns again; no second welcome: Gino had been taking part all along.
    expect((await ledgerOf("GINO")).map((e) => [e.amount, e.order])).toEqual([
      [50, null],
      [2, "G-1"],
      [-2, "G-1"],
      [3, "G-1"],
    ]);
  });

  it("a member counted in before sign-ups whose only order moves to someone else is not welcomed later", async () => {
    await makeCustomer(handle.db, { externalId: "VITO" });
    await memberBeforeSignups("UGO", "U-1,UGO,2025-06-12 10:00,MIL,A1,Beans,coffee,1,20.00");
    // U-1 was Vito's all along; Ugo buys again in the same file.
    expect(
      await importOrders([
        "U-1,VITO,2025-06-12 10:00,MIL,A1,Beans,coffee,1,20.00",
        "U-2,UGO,2025-06-20 10:00,MIL,A1,Beans,coffee,1,10.00",
      ]),
    ).toMatchObject({ ok: true });
    expect((await ledgerOf("UGO")).map((e) => [e.amount, e.order])).toEqual([
      [50, null],
      [2, "U-1"],
      [-2, "U-1"],
      [1, "U-2"],
    ]);
  });

  it("a card-holders-only offer applies to a member's orders", async () => {
    const dario = await makeCustomer(handle.db, { externalId: "DARIO" });
    await runningProgram(
      handle.db,
      "exclusive-offer",
      { discountKind: "percent", percentOff: 10, usesPerCustomer: 0 },
      [dario.id],
    );
    const result = await postOrder(ctx(), order("W-7", "DARIO", "2025-06-10T10:00:00Z", 10_000));
    expect(result.programs).toEqual([expect.objectContaining({ discount: 1_000, notes: [] })]);
  });
});
