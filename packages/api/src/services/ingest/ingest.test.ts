import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerFeatures, ledgerEntries, orders, queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore } from "@boomerang/db/testing/factories";
import { AppError } from "../../errors";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import {
  customerBalance,
  orderInput,
  postEvent,
  postOrder,
  postRefund,
  redeem,
  upsertCustomer,
} from ".";
import { sqlState } from "./transaction";
import { testOrder } from "../../test/order-input";

const now = new Date("2025-07-01T12:00:00Z");

const order = (externalId: string, customerId: string, amount: number) =>
  testOrder(externalId, customerId, "2025-06-30T10:00:00Z", amount);

async function expectAppError(promise: Promise<unknown>, kind: AppError["kind"], message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe(kind);
  expect((error as AppError).message).toMatch(message);
}

describe.each(testDrivers())("ingest services on $name", (driver) => {
  let handle: DbHandle;
  let programId: number;
  let annaId: number;
  const ctx = () => ({ db: handle.db, now, apiKeyId: null });

  beforeAll(async () => {
    handle = await openTestDb(driver, "ingest_services");
    await makeBusiness(handle.db, { currency: "EUR" });
    await makeStore(handle.db, { code: "MIL" });
    const customer = await makeCustomer(handle.db, { externalId: "ANNA" });
    annaId = customer.id;
    programId = (await enrollInRewards(handle.db, customer.id)).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("upserts a customer by externalId: creates, then updates only the fields given", async () => {
    const first = await upsertCustomer(ctx(), {
      externalId: "BEA",
      name: "Bea",
      email: "bea@example.test",
      consent: { email: true },
    });
    expect(first.created).toBe(true);
    const second = await upsertCustomer(ctx(), { externalId: "BEA", name: "Beatrice" });
    expect(second).toEqual({ id: first.id, externalId: "BEA", created: false });
    const [row] = await queryRows<{ name: string; email: string; consent_email: boolean }>(
      handle.db,
      sql`select name, email, consent_email from customers where external_id = 'BEA'`,
    );
    expect(row).toEqual({ name: "Beatrice", email: "bea@example.test", consent_email: true });
  });

  it("enrolls a customer who appears through the API in the running program, once", async () => {
    const created = await upsertCustomer(ctx(), { externalId: "CARLO", name: "Carlo" });
    await upsertCustomer(ctx(), { externalId: "CARLO", name: "Carlo Rossi" });
    const rows = await queryRows<{ program_id: number }>(
      handle.db,
      sql`select program_id from enrollments where customer_id = ${created.id}`,
    );
    expect(rows).toEqual([{ program_id: programId }]);
  });

  it("posts an order, earns through the program, appends the ledger and refreshes the customer's features", async () => {
    const result = await postOrder(ctx(), order("O-1", "ANNA", 50_000));
    expect(result.order.total).toBe(50_000);
    expect(result.programs).toEqual([
      expect.objectContaining({ programId, earned: 500, available: 500 }),
    ]);
    const entries = await handle.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.orderId, result.order.id));
    expect(entries.map((e) => [e.kind, e.amount])).toEqual([["earn", 500]]);
    const [features] = await handle.db
      .select()
      .from(customerFeatures)
      .where(eq(customerFeatures.customerId, annaId));
    expect(features?.ordersCount).toBe(1);
    expect(features?.revenue).toBe(50_000);
  });

  it("a retried order (same key, same payload) returns the first response and counts once", async () => {
    const first = await postOrder(ctx(), order("O-2", "ANNA", 10_000), "retry-key-1");
    const again = await postOrder(ctx(), order("O-2", "ANNA", 10_000), "retry-key-1");
    expect(again).toEqual(first);
    const rows = await handle.db.select().from(orders).where(eq(orders.externalId, "O-2"));
    expect(rows).toHaveLength(1);
    const entries = await handle.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.orderId, rows[0]!.id));
    expect(entries).toHaveLength(1);
  });

  it("the same idempotency key with a different payload is a conflict and changes nothing", async () => {
    await postOrder(ctx(), order("O-3", "ANNA", 10_000), "retry-key-2");
    await expectAppError(
      postOrder(ctx(), order("O-3", "ANNA", 99_999), "retry-key-2"),
      "conflict",
      /already used with a different request/,
    );
    await expectAppError(
      postOrder(ctx(), order("O-3", "ANNA", 10_000), "another-key"),
      "conflict",
      /already posted/,
    );
  });

  it("refuses bad input with a specific message and writes nothing", async () => {
    await expectAppError(
      postOrder(ctx(), order("O-4", "NOBODY", 1000)),
      "not_found",
      /Customer "NOBODY"/,
    );
    await expectAppError(
      postOrder(ctx(), { ...order("O-4", "ANNA", 1000), storeCode: "XXX" }),
      "invalid",
      /no store with code "XXX"/,
    );
    await expectAppError(
      postOrder(ctx(), { ...order("O-4", "ANNA", 1000), currency: "USD" }),
      "invalid",
      /sells in EUR, not USD/,
    );
    expect(await handle.db.select().from(orders).where(eq(orders.externalId, "O-4"))).toHaveLength(
      0,
    );
    const noAmount = orderInput.safeParse({ ...order("O-4", "ANNA", 1000), items: [] });
    expect(noAmount.error?.issues[0]).toMatchObject({
      path: ["subtotal"],
      message: "is required when the order has no items",
    });
  });

  it("a refund claws back what the order earned, once, and cannot exceed what was paid", async () => {
    const placed = await postOrder(ctx(), order("O-5", "ANNA", 20_000));
    const refund = {
      externalId: "R-5",
      orderId: "O-5",
      amount: 20_000,
      refundedAt: "2025-06-30T18:00:00Z",
    };
    const result = await postRefund(ctx(), refund);
    expect(result.programs[0]?.adjusted).toBe(-200);
    expect(await postRefund(ctx(), refund)).toEqual(result);
    await expectAppError(
      postRefund(ctx(), { ...refund, externalId: "R-5b", amount: 1 }),
      "invalid",
      /more than is left to refund/,
    );
    const entries = await handle.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.orderId, placed.order.id));
    expect(entries.reduce((sum, e) => sum + e.amount, 0)).toBe(0);
  });

  it("redeems a reward once per key, and refuses what the balance cannot pay", async () => {
    const before = await customerBalance(ctx(), "ANNA");
    const available = before.programs[0]!.available;
    const first = await redeem(
      ctx(),
      { customerId: "ANNA", programId, rewardId: "perk" },
      "redeem-key-1",
    );
    expect(first.program.redeemed).toBe(100);
    expect(
      await redeem(ctx(), { customerId: "ANNA", programId, rewardId: "perk" }, "redeem-key-1"),
    ).toEqual(first);
    const after = await customerBalance(ctx(), "ANNA");
    expect(after.programs[0]!.available).toBe(available - 100);
    await expectAppError(
      redeem(ctx(), { customerId: "ANNA", programId, points: 1_000_000 }, "redeem-key-2"),
      "conflict",
      /Not enough points/,
    );
    await expectAppError(
      redeem(ctx(), { customerId: "ANNA", programId: 999, rewardId: "perk" }, "redeem-key-3"),
      "not_found",
      /program 999/,
    );
  });

  it("stores an event once per externalId", async () => {
    const event = {
      externalId: "E-1",
      customerId: "ANNA",
      type: "visit",
      occurredAt: "2025-06-30T09:00:00Z",
      storeCode: "MIL",
    };
    expect(await postEvent(ctx(), event)).toEqual({
      externalId: "E-1",
      created: true,
      programs: [],
    });
    expect(await postEvent(ctx(), event)).toEqual({
      externalId: "E-1",
      created: false,
      programs: [],
    });
  });

  it("an order from a till that synced late still earns, as of the customer's last event", async () => {
    const [last] = await queryRows<{ at: string }>(
      handle.db,
      sql`select max(effective_at)::text as at from ledger_entries where customer_id = ${annaId}`,
    );
    // Placed on 20 June, posted after her orders of 30 June (and whatever came since).
    const late = await postOrder(ctx(), {
      ...order("O-LATE", "ANNA", 12_300),
      placedAt: "2025-06-20T09:00:00Z",
    });
    expect(late.programs).toEqual([
      expect.objectContaining({
        programId,
        earned: 123,
        notes: [expect.stringContaining("happened on 2025-06-20")],
      }),
    ]);
    const [entry] = await queryRows<{ at: string; later: boolean }>(
      handle.db,
      sql`select effective_at::text as at, effective_at > '2025-06-20T09:00:00Z'::timestamptz as later
          from ledger_entries where order_id = ${late.order.id}`,
    );
    expect(entry).toEqual({ at: last!.at, later: true });
  });

  it("the database refuses to update or delete ledger entries", async () => {
    const refused = (query: Promise<unknown>) =>
      query.then(
        () => "accepted",
        (e: unknown) => sqlState(e),
      );
    expect(
      await refused(handle.db.execute(sql`update ledger_entries set amount = amount + 1`)),
    ).toBe("23001");
    expect(await refused(handle.db.execute(sql`delete from ledger_entries`))).toBe("23001");
    const [count] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from ledger_entries`,
    );
    expect(count!.n).toBeGreaterThan(0);
  });
});
