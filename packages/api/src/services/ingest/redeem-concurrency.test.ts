import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer } from "@boomerang/db/testing/factories";
import { AppError } from "../../errors";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import { customerBalance, postOrder, postRefund, redeem } from ".";

// PGlite has a single connection, so parallel requests never overlap there: only a real server shows a race.
const postgres = testDrivers().find((d) => d.name === "postgres");
const ROUNDS = 20;
const now = new Date("2025-07-01T12:00:00Z");

describe.skipIf(postgres === undefined)(
  "parallel redemptions on PostgreSQL (set TEST_DATABASE_URL to run)",
  () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(postgres!, "redeem_concurrency");
      await makeBusiness(handle.db, { currency: "EUR" });
    }, 60_000);
    afterAll(() => handle?.close());

    it(`50 parallel redemptions of 100 points against 1,000 succeed exactly 10 times, ${ROUNDS} rounds`, async () => {
      const ctx = { db: handle.db, now, apiKeyId: null };
      for (let round = 0; round < ROUNDS; round++) {
        const customer = await makeCustomer(handle.db, { externalId: `RACE-${round}` });
        const program = await enrollInRewards(handle.db, customer.id);
        await postOrder(ctx, {
          externalId: `RACE-ORDER-${round}`,
          customerId: customer.externalId,
          placedAt: "2025-06-30T10:00:00Z",
          currency: "EUR",
          channel: "online",
          subtotal: 100_000,
        });
        const attempts = Array.from({ length: 50 }, (_, i) =>
          redeem(
            ctx,
            { customerId: customer.externalId, programId: program.id, rewardId: "perk" },
            `race-${round}-${i}`,
          ).then(
            () => "redeemed",
            (e: unknown) => (e instanceof AppError ? e.kind : `unexpected: ${String(e)}`),
          ),
        );
        const outcomes = await Promise.all(attempts);
        expect(outcomes.filter((o) => o === "redeemed")).toHaveLength(10);
        expect(outcomes.filter((o) => o === "conflict")).toHaveLength(40);
        const balance = await customerBalance(ctx, customer.externalId);
        expect(balance.programs[0]?.available).toBe(0);
        const [ledger] = await queryRows<{ sum: number; n: number }>(
          handle.db,
          sql`select sum(amount)::int as sum, count(*) filter (where kind = 'redeem')::int as n from ledger_entries where customer_id = ${customer.id}`,
        );
        expect(ledger).toEqual({ sum: 0, n: 10 });
      }
    }, 120_000);

    it("parallel refunds of one order never give back more than it cost, nor return it twice", async () => {
      const ctx = { db: handle.db, now, apiKeyId: null };
      const customer = await makeCustomer(handle.db, { externalId: "REFUND-RACE" });
      for (let round = 0; round < 5; round++) {
        // An order of 100.00 refunded 30.00 at a time (3 fit), and one whose discount covered it
        // returned with amount 0 (once).
        const order = (id: string, discount: number) =>
          postOrder(ctx, {
            externalId: id,
            customerId: customer.externalId,
            placedAt: "2025-06-30T10:00:00Z",
            currency: "EUR",
            channel: "online",
            subtotal: 10_000,
            discount,
          });
        await order(`RR-${round}`, 0);
        await order(`RZ-${round}`, 10_000);
        const refunds = (orderId: string, amount: number) =>
          Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              postRefund(ctx, {
                externalId: `${orderId}-R${i}`,
                orderId,
                amount,
                refundedAt: "2025-06-30T12:00:00Z",
              }).then(
                () => "refunded",
                (e: unknown) => (e instanceof AppError ? e.kind : `unexpected: ${String(e)}`),
              ),
            ),
          );
        const [money, zero] = await Promise.all([
          refunds(`RR-${round}`, 3_000),
          refunds(`RZ-${round}`, 0),
        ]);
        expect(money.filter((o) => o === "refunded")).toHaveLength(3);
        expect(zero.filter((o) => o === "refunded")).toHaveLength(1);
        expect([...money, ...zero].filter((o) => o.startsWith("unexpected"))).toEqual([]);
      }
    }, 120_000);
  },
);
