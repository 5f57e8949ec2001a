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
import { createProgram, evaluate, initialState } from "@boomerang/domain/programs";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { postOrder } from ".";
import { runningConfig } from "./apply-event";
import { testOrder } from "../../test/order-input";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");
const activated = new Date("2025-06-01T09:00:00Z");

/** An active points program (1 point per 10.00, usable at once), activated on 1 June 2025 at 9:00. */
async function pointsProgram(
  db: Database,
  name: string,
  startsAt: number | null,
  customerIds: number[],
): Promise<number> {
  const [program] = await db
    .insert(programs)
    .values({
      name,
      type: "points",
      status: "active",
      activatedAt: activated,
      startsAt: startsAt === null ? null : new Date(startsAt),
    })
    .returning();
  await db.insert(programVersions).values({
    programId: program!.id,
    version: 1,
    config: { startsAt, pendingDays: 0 },
  });
  await db.insert(enrollments).values(
    customerIds.map((customerId) => ({
      programId: program!.id,
      customerId,
      isControl: false,
      enrolledAt: activated,
    })),
  );
  return program!.id;
}

// The programs page says "From activation" for a program without a start date; the engine ran it
// from the beginning of time, so a history imported after the launch (or a till's late upload)
// earned points on every old order.
describe.each(testDrivers())(
  "a program without a start date runs from its activation on $name",
  (driver) => {
    let handle: DbHandle;
    let userId: number;
    let fromActivation: number;
    let backdated: number;
    let ids: Record<string, number>;
    const ctx = () => ({ db: handle.db, now, apiKeyId: null });
    const earned = (customer: string, programId: number) =>
      queryRows<{ amount: number; order: string }>(
        handle.db,
        sql`select l.amount::int as amount, o.external_id as order
          from ledger_entries l join orders o on o.id = l.order_id
          where l.customer_id = ${ids[customer]!} and l.program_id = ${programId} order by o.placed_at`,
      );

    beforeAll(async () => {
      handle = await openTestDb(driver, "ingest_from_activation");
      await makeBusiness(handle.db, { currency: "EUR" });
      await makeStore(handle.db, { code: "MIL" });
      userId = (await makeUser(handle.db, { role: "admin" })).id;
      ids = {};
      for (const name of ["ANNA", "BRUNO"])
        ids[name] = (await makeCustomer(handle.db, { externalId: name })).id;
      fromActivation = await pointsProgram(handle.db, "From activation", null, Object.values(ids));
      // The marketer set a start date before the launch on purpose: those orders do earn.
      backdated = await pointsProgram(
        handle.db,
        "Backdated",
        Date.parse("2025-05-01T00:00:00Z"),
        Object.values(ids),
      );
    }, 60_000);
    afterAll(() => handle.close());

    it("an order posted late, placed before the activation, earns nothing; one placed after earns", async () => {
      const before = await postOrder(
        ctx(),
        testOrder("A-1", "ANNA", "2025-06-01T08:59:00Z", 10_000),
      );
      expect(before.programs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ programId: fromActivation, earned: 0 }),
          expect.objectContaining({ programId: backdated, earned: 10 }),
        ]),
      );
      await postOrder(ctx(), testOrder("A-2", "ANNA", "2025-06-01T09:01:00Z", 20_000));
      expect(await earned("ANNA", fromActivation)).toEqual([{ amount: 20, order: "A-2" }]);
      expect(await earned("ANNA", backdated)).toEqual([
        { amount: 10, order: "A-1" },
        { amount: 20, order: "A-2" },
      ]);
    });

    it("an imported history earns only on the orders placed since the activation", async () => {
      // Bruno's history; B-2's price is the file's to choose.
      const history = (b2Price: string) =>
        importLines(handle.db, {
          userId,
          kind: "orders",
          now,
          lines: [
            "order_id,customer_id,order_date,store,sku,name,category,qty,price",
            "B-1,BRUNO,2025-04-10 10:00,MIL,A1,Beans,coffee,1,50.00",
            `B-2,BRUNO,2025-05-20 10:00,MIL,A1,Beans,coffee,1,${b2Price}`,
            "B-3,BRUNO,2025-06-15 10:00,MIL,A1,Beans,coffee,1,40.00",
          ],
        });
      const { outcome } = await history("30.00");
      expect(outcome).toMatchObject({ ok: true, counts: { inserted: 3 } });
      expect(await earned("BRUNO", fromActivation)).toEqual([{ amount: 4, order: "B-3" }]);
      expect(await earned("BRUNO", backdated)).toEqual([
        { amount: 3, order: "B-2" },
        { amount: 4, order: "B-3" },
      ]);

      // The file again with B-2 corrected (30.00 → 60.00): the program from activation has nothing
      // for it to take back or earn; the backdated one takes back 3 and earns 6.
      const again = await history("60.00");
      expect(again.outcome).toMatchObject({ ok: true, counts: { updated: 1 } });
      const balance = async (programId: number) =>
        (
          await queryRows<{ sum: number }>(
            handle.db,
            sql`select coalesce(sum(amount), 0)::int as sum from ledger_entries
                where customer_id = ${ids.BRUNO!} and program_id = ${programId}`,
          )
        )[0]!.sum;
      expect(await earned("BRUNO", fromActivation)).toEqual([{ amount: 4, order: "B-3" }]);
      expect(await balance(fromActivation)).toBe(4);
      expect(await balance(backdated)).toBe(10);
    });
  },
);

describe("runningConfig", () => {
  const compiled = (config: Record<string, unknown>) => {
    const parsed = createProgram("points", config);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    return parsed.value;
  };
  const config = { startsAt: null, endsAt: null, pendingDays: 0 };
  it("starts a program without a start date at its activation, to the millisecond", () => {
    expect(runningConfig({ config, activatedAt: 1_748_768_400_000.75 })).toEqual({
      ...config,
      startsAt: 1_748_768_400_000,
    });
  });
  it("keeps a start date the marketer chose, and a draft's parameters", () => {
    const chosen = { ...config, startsAt: 1_700_000_000_000 };
    expect(runningConfig({ config: chosen, activatedAt: 1_748_768_400_000 })).toBe(chosen);
    expect(runningConfig({ config, activatedAt: null })).toBe(config);
  });
  it("gives a program whose end is at or before its activation an empty period", () => {
    const ended = { ...config, endsAt: 1_700_000_000_000 };
    const running = runningConfig({ config: ended, activatedAt: 1_748_768_400_000 });
    expect(running).toEqual({ ...ended, startsAt: 1_748_768_400_000 });
    const program = compiled(running);
    // Before the end, between the end and the activation, after the activation: nothing earns.
    for (const at of [1_600_000_000_000, 1_720_000_000_000, 1_800_000_000_000]) {
      const { effects } = evaluate(program, initialState(program, "C1"), {
        kind: "order",
        id: `O${at}`,
        customerId: "C1",
        at,
        amount: 10_000,
      });
      expect(effects.filter((e) => e.kind === "earn")).toEqual([]);
    }
    // The same program without the end earns after the activation: the test can tell.
    const open = compiled({ ...running, endsAt: null });
    const after = evaluate(open, initialState(open, "C1"), {
      kind: "order",
      id: "O-after",
      customerId: "C1",
      at: 1_800_000_000_000,
      amount: 10_000,
    });
    expect(after.effects.filter((e) => e.kind === "earn")).not.toEqual([]);
  });
});
