import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database, type DbHandle } from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeUser } from "@boomerang/db/testing/factories";
import { AppError } from "../../errors";
import { activeProgram } from "../../test/active-program";
import { importLines } from "../../test/import-csv";
import { postEvent } from ".";

const now = new Date("2025-07-01T12:00:00Z");

/** Referral program defaults: 500 points per converted friend (750 from the third), 300 for the friend. */
const referralProgram = (db: Database, customerIds: number[]) =>
  activeProgram(db, { type: "referral", name: "Bring a friend", customerIds });

describe.each(testDrivers())("referral events feed the programs on $name", (driver) => {
  let handle: DbHandle;
  let programId: number;
  const ctx = () => ({ db: handle.db, now, apiKeyId: null });
  const points = async () =>
    Object.fromEntries(
      (
        await queryRows<{ who: string; points: number }>(
          handle.db,
          sql`select c.external_id as who, sum(l.amount)::int as points
              from ledger_entries l join customers c on c.id = l.customer_id group by c.external_id`,
        )
      ).map((r) => [r.who, r.points]),
    );

  beforeAll(async () => {
    handle = await openTestDb(driver, "referral_events");
    await makeBusiness(handle.db, { currency: "EUR" });
    const ids: number[] = [];
    for (const externalId of ["ANNA", "BEA", "CARLO", "DANI"])
      ids.push((await makeCustomer(handle.db, { externalId })).id);
    programId = await referralProgram(handle.db, ids);
  }, 60_000);
  afterAll(() => handle.close());

  it("a referral posted to the API rewards the referrer and the friend, once", async () => {
    const event = {
      externalId: "E-1",
      customerId: "ANNA",
      type: "referral",
      occurredAt: "2025-06-01T10:00:00Z",
      payload: { friendId: "BEA" },
    };
    const first = await postEvent(ctx(), event);
    expect(first).toMatchObject({ created: true });
    expect(first.programs).toEqual([
      expect.objectContaining({ programId, earned: 500, available: 500 }),
    ]);
    expect(await points()).toEqual({ ANNA: 500, BEA: 300 });
    const again = await postEvent(ctx(), event);
    expect(again).toEqual({ externalId: "E-1", created: false, programs: [] });
    expect(await points()).toEqual({ ANNA: 500, BEA: 300 });
  });

  it("refuses a referral payload it cannot read, and stores other events without rewards", async () => {
    const error = await postEvent(ctx(), {
      externalId: "E-2",
      customerId: "ANNA",
      type: "referral",
      occurredAt: "2025-06-02T10:00:00Z",
      payload: { friendId: 42 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/friendId/);
    const visit = await postEvent(ctx(), {
      externalId: "E-3",
      customerId: "ANNA",
      type: "visit",
      occurredAt: "2025-06-02T10:00:00Z",
    });
    expect(visit).toEqual({ externalId: "E-3", created: true, programs: [] });
    expect(await points()).toEqual({ ANNA: 500, BEA: 300 });
  });

  it("imported referrals reward both sides; the same file again changes nothing", async () => {
    const userId = (await makeUser(handle.db, { role: "admin" })).id;
    const lines = [
      "event_id,customer_id,type,occurred_at,friend_id",
      "I-1,CARLO,referral,2025-06-05 10:00,DANI",
      // Bea was already rewarded as a friend: Anna gets nothing more for her.
      "I-2,ANNA,referral,2025-06-06 10:00,BEA",
      // A friend who is not a customer yet still counts for the referrer.
      "I-3,ANNA,referral,2025-06-07 10:00,ZED",
      "I-4,CARLO,visit,2025-06-07 11:00,",
    ];
    const run = async () =>
      (await importLines(handle.db, { userId, kind: "events", lines, now })).outcome;
    expect(await run()).toMatchObject({ ok: true, counts: { inserted: 4, updated: 0 } });
    expect(await points()).toEqual({ ANNA: 1000, BEA: 300, CARLO: 500, DANI: 300 });
    expect(await run()).toMatchObject({ ok: true, counts: { inserted: 0, updated: 0 } });
    expect(await points()).toEqual({ ANNA: 1000, BEA: 300, CARLO: 500, DANI: 300 });
    const [stored] = await queryRows<{ payload: unknown }>(
      handle.db,
      sql`select payload from customer_events where external_id = 'I-1'`,
    );
    expect(stored?.payload).toEqual({ friendId: "DANI" });
  });
});
