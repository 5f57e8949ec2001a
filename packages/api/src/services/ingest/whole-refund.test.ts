import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { customerBalance, postOrder, postRefund } from ".";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import { activeProgram } from "../../test/active-program";
import { testOrder } from "../../test/order-input";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");

// An order paid with nothing in money (a 100% code, or a discount of its whole price) still counts:
// a use of the code, its cost, a purchase towards a tier. Refunds are a share of the money paid, so
// such an order could never be taken back: the code stayed used, and an import that edited the
// order counted its purchase twice.
describe.each(testDrivers())("an order paid with nothing in money on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  let promoId: number;
  let vipId: number;
  const ctx = () => ({ db: handle.db, now, apiKeyId: null });
  const stateOf = async (programId: number, customer: string) =>
    (
      await queryRows<{ uses: number | null; cost: number; tier: string | null }>(
        handle.db,
        sql`select (e.state->'ext'->>'uses')::int as uses, (e.state->>'rewardCost')::int as cost, e.tier
            from enrollments e join customers c on c.id = e.customer_id
            where e.program_id = ${programId} and c.external_id = ${customer}`,
      )
    )[0]!;

  beforeAll(async () => {
    handle = await openTestDb(driver, "whole_refund");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    const gia = await makeCustomer(handle.db, { externalId: "GIA" });
    const eva = await makeCustomer(handle.db, { externalId: "EVA" });
    const zoe = await makeCustomer(handle.db, { externalId: "ZOE" });
    const ria = await makeCustomer(handle.db, { externalId: "RIA" });
    promoId = await activeProgram(handle.db, {
      type: "promo-code",
      config: { code: "FREE", percentOff: 100, minOrder: 0, usesPerCustomer: 1 },
      customerIds: [gia.id],
    });
    vipId = await activeProgram(handle.db, {
      type: "vip-tiers",
      config: {
        qualifyBy: "purchases",
        tiers: [{ name: "Regular", threshold: 2, percentOff: 0, pointsBonusPercent: 0, perks: [] }],
      },
      customerIds: [eva.id, zoe.id],
    });
    // 1 point per 1.00, usable at once.
    await enrollInRewards(handle.db, ria.id);
  }, 60_000);
  afterAll(() => handle.close());

  it("a refund of the whole order gives a one-use code back, and a partial one does not", async () => {
    const free = { ...testOrder("F-1", "GIA", "2025-06-10T10:00:00Z", 2_500), promoCode: "FREE" };
    await postOrder(ctx(), free);
    expect(await stateOf(promoId, "GIA")).toMatchObject({ uses: 1, cost: 2_500 });

    await postRefund(ctx(), {
      externalId: "R-1",
      orderId: "F-1",
      amount: 1_000,
      refundedAt: "2025-06-11T10:00:00Z",
    });
    expect(await stateOf(promoId, "GIA")).toMatchObject({ uses: 1, cost: 2_500 });

    const whole = await postRefund(ctx(), {
      externalId: "R-2",
      orderId: "F-1",
      amount: 1_500,
      refundedAt: "2025-06-12T10:00:00Z",
    });
    expect(whole.refund).toMatchObject({ amount: 1_500 });
    expect(await stateOf(promoId, "GIA")).toMatchObject({ uses: 0, cost: 0 });

    // The code works again on the next order.
    const next = await postOrder(ctx(), {
      ...testOrder("F-2", "GIA", "2025-06-13T10:00:00Z", 1_200),
      promoCode: "FREE",
    });
    expect(next.programs).toEqual([
      expect.objectContaining({ programId: promoId, discount: 1_200 }),
    ]);
  });

  it("an order whose discount covered all of it is returned with amount 0, once", async () => {
    await postOrder(ctx(), {
      ...testOrder("Z-1", "ZOE", "2025-06-05T10:00:00Z", 3_000),
      discount: 3_000,
    });
    await postOrder(ctx(), testOrder("Z-2", "ZOE", "2025-06-06T10:00:00Z", 1_000));
    // Two purchases: the tier.
    expect(await stateOf(vipId, "ZOE")).toMatchObject({ tier: "Regular" });
    await expect(
      postRefund(ctx(), {
        externalId: "RZ-0",
        orderId: "Z-2",
        amount: 0,
        refundedAt: "2025-06-07T10:00:00Z",
      }),
    ).rejects.toThrow(/at least 1; 0 only returns an order whose total is 0/);
    const zero = {
      externalId: "RZ-1",
      orderId: "Z-1",
      amount: 0,
      refundedAt: "2025-06-07T10:00:00Z",
    };
    await postRefund(ctx(), zero);
    await expect(postRefund(ctx(), { ...zero, externalId: "RZ-2" })).rejects.toThrow(
      /returned already/,
    );
    const window = await queryRows<{ purchases: number }>(
      handle.db,
      sql`select sum((w->>'purchases')::int)::int as purchases
          from enrollments e join customers c on c.id = e.customer_id,
               jsonb_array_elements(e.state->'ext'->'window'->'entries') w
          where e.program_id = ${vipId} and c.external_id = 'ZOE'`,
    );
    expect(window).toEqual([{ purchases: 1 }]);
    // An import that edits the returned order keeps it returned.
    const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price,discount";
    const { outcome } = await importLines(handle.db, {
      userId,
      kind: "orders",
      lines: [header, "Z-1,ZOE,2025-06-05 14:00,MIL,A1,Espresso beans,coffee,1,30.00,30.00"],
      now,
    });
    expect(outcome).toMatchObject({ ok: true, counts: { updated: 1 } });
    expect(
      await queryRows<{ purchases: number }>(
        handle.db,
        sql`select sum((w->>'purchases')::int)::int as purchases
            from enrollments e join customers c on c.id = e.customer_id,
                 jsonb_array_elements(e.state->'ext'->'window'->'entries') w
            where e.program_id = ${vipId} and c.external_id = 'ZOE'`,
      ),
    ).toEqual([{ purchases: 1 }]);
  });

  it("an import that edits such an order counts its purchase once", async () => {
    // Paid in full by a discount from outside Boomerang: one purchase, not yet the 2 of the tier.
    await postOrder(ctx(), {
      ...testOrder("V-1", "EVA", "2025-06-10T10:00:00Z", 4_000),
      discount: 4_000,
    });
    expect(await stateOf(vipId, "EVA")).toMatchObject({ tier: null });

    const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price,discount";
    const edited = "V-1,EVA,2025-06-10 12:00,MIL,A1,Espresso beans,coffee,1,40.00,39.00";
    const { outcome } = await importLines(handle.db, {
      userId,
      kind: "orders",
      lines: [header, edited],
      now,
    });
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    // Its earlier version's purchase left the window as its new version's came in.
    expect(await stateOf(vipId, "EVA")).toMatchObject({ tier: null });

    // A second real order reaches the tier.
    await postOrder(ctx(), testOrder("V-2", "EVA", "2025-06-20T10:00:00Z", 1_000));
    expect(await stateOf(vipId, "EVA")).toMatchObject({ tier: "Regular" });
  });

  it("an import that edits a refunded order keeps it refunded: its new version earns nothing back", async () => {
    await postOrder(ctx(), testOrder("P-1", "RIA", "2025-06-10T10:00:00Z", 10_000));
    await postOrder(ctx(), testOrder("P-2", "RIA", "2025-06-11T10:00:00Z", 10_000));
    await postRefund(ctx(), {
      externalId: "RP-1",
      orderId: "P-1",
      amount: 10_000,
      refundedAt: "2025-06-12T10:00:00Z",
    });
    await postRefund(ctx(), {
      externalId: "RP-2",
      orderId: "P-2",
      amount: 4_000,
      refundedAt: "2025-06-12T10:00:00Z",
    });
    const available = async () => (await customerBalance(ctx(), "RIA")).programs[0]!.available;
    // 100 + 100 earned; 100 and 40 taken back.
    expect(await available()).toBe(60);
    // The shop's file moves both orders to another time of day.
    const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";
    const { outcome } = await importLines(handle.db, {
      userId,
      kind: "orders",
      lines: [
        header,
        "P-1,RIA,2025-06-10 14:00,MIL,A1,Espresso beans,coffee,1,100.00",
        "P-2,RIA,2025-06-11 14:00,MIL,A1,Espresso beans,coffee,1,100.00",
      ],
      now,
    });
    expect(outcome).toMatchObject({ ok: true, counts: { updated: 2 } });
    expect(await available()).toBe(60);
    // The file then says P-1 was 150.00: 100.00 of it refunded, the other 50.00 earns.
    const larger = await importLines(handle.db, {
      userId,
      kind: "orders",
      lines: [header, "P-1,RIA,2025-06-10 14:00,MIL,A1,Espresso beans,coffee,1,150.00"],
      now,
    });
    expect(larger.outcome).toMatchObject({ ok: true, counts: { updated: 1 } });
    expect(await available()).toBe(110);
  });
});
