import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  liveStoreKpis,
  programs,
  queryRows,
  storeKpis,
  type Database,
  type DbHandle,
} from "@boomerang/db";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { makeBusiness, makeCustomer, makeStore, makeUser } from "@boomerang/db/testing/factories";
import { enrollInRewards } from "../../test/enroll-in-rewards";
import { customerBalance, postOrder, postRefund, redeem } from "../ingest";
import { type ImportKind } from ".";
import { importLines } from "../../test/import-csv";

const now = new Date("2025-07-01T12:00:00Z");

const importCsv = async (
  db: Database,
  userId: number,
  kind: ImportKind,
  lines: string[],
  roundOrders?: number,
) => (await importLines(db, { userId, kind, lines, now, roundOrders })).outcome;

// Anna's orders are listed out of time order: the later one first. Bruno is in no program yet: the
// import enrolls him in the running program (it targets everyone), so his order earns too.
const ordersFile = [
  "order_id,customer_id,order_date,store,sku,name,category,qty,price",
  "O-2,ANNA,2025-06-02 10:00,MIL,A1,Espresso beans,coffee,1,20.00",
  "O-1,ANNA,2025-06-01 10:00,MIL,A1,Espresso beans,coffee,2,12.50",
  "O-1,ANNA,2025-06-01 10:00,MIL,B2,Mug,kitchen,1,8.00",
  "O-3,BRUNO,2025-06-01 11:00,,A1,Espresso beans,coffee,1,12.50",
];

const count = async (db: Database, table: string) =>
  (await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

type LedgerRow = { order: string; kind: string; amount: number; key: string };

describe.each(testDrivers())("imported orders run through the programs on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  let programId: number;
  const ledger = () =>
    queryRows<LedgerRow>(
      handle.db,
      sql`select o.external_id as order, l.kind::text as kind, l.amount::int as amount, l.idempotency_key as key
          from ledger_entries l join orders o on o.id = l.order_id order by l.effective_at, l.id`,
    );

  const ledgerOf = (order: string) =>
    queryRows<{ id: number; kind: string; amount: number; corrects: number | null; note: string }>(
      handle.db,
      sql`select l.id::int as id, l.kind::text as kind, l.amount::int as amount,
                 l.corrects_entry_id::int as corrects, l.note
          from ledger_entries l join orders o on o.id = l.order_id where o.external_id = ${order} order by l.id`,
    );

  beforeAll(async () => {
    handle = await openTestDb(driver, "import_programs");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    const anna = await makeCustomer(handle.db, { externalId: "ANNA" });
    await makeCustomer(handle.db, { externalId: "BRUNO" });
    // 1 point per 1.00 spent, usable at once.
    programId = (await enrollInRewards(handle.db, anna.id)).id;
  }, 60_000);
  afterAll(() => handle.close());
  const annaOrderCount = async () =>
    (
      await queryRows<{ orders: number }>(
        handle.db,
        sql`select (e.state->>'orderCount')::int as orders from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
      )
    )[0]!.orders;

  it("earns for every new order of an enrolled customer, in order of placed_at", async () => {
    const outcome = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 3, updated: 0 } });
    // Applied in file order, O-1 (older than O-2) would have been ignored by the engine.
    expect(await ledger()).toEqual([
      { order: "O-1", kind: "earn", amount: 33, key: expect.stringMatching(`^${programId}:`) },
      { order: "O-3", kind: "earn", amount: 12, key: expect.stringMatching(`^${programId}:`) },
      { order: "O-2", kind: "earn", amount: 20, key: expect.stringMatching(`^${programId}:`) },
    ]);
    const balance = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(balance.programs).toEqual([expect.objectContaining({ programId, available: 53 })]);
  });

  it("importing the same file again earns nothing more", async () => {
    const outcome = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(outcome).toMatchObject({ ok: true, counts: { inserted: 0, updated: 0 } });
    expect(await ledger()).toHaveLength(3);
  });

  it("an edited order takes back what it earned, with corrections referencing the original entry, and earns on its new figures", async () => {
    const june = {
      from: new Date("2025-05-31T22:00:00Z"),
      to: new Date("2025-06-30T22:00:00Z"),
      storeId: null,
      churnWindowDays: 90,
      now,
    };
    const mil = async () =>
      (await storeKpis(handle.db, june, "Europe/Rome")).find((k) => k.revenue > 0)!;
    // Filled into the store-KPI month cache before the edit.
    expect(await mil()).toMatchObject({ revenue: 5300, orders: 2 });
    const cached = await count(handle.db, "store_kpi_months");
    expect(cached).toBeGreaterThan(0);

    const doubled = [
      ordersFile[0]!,
      ordersFile[1]!.replace(",1,20.00", ",2,20.00"),
      ...ordersFile.slice(2),
    ];
    const edited = await importCsv(handle.db, userId, "orders", doubled);
    expect(edited).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    const entries = await ledgerOf("O-2");
    const original = entries[0]!;
    expect(entries).toEqual([
      { id: original.id, kind: "earn", amount: 20, corrects: null, note: expect.any(String) },
      {
        id: expect.any(Number),
        kind: "adjust",
        amount: -20,
        corrects: original.id,
        note: expect.stringContaining("edited by an import"),
      },
      {
        id: expect.any(Number),
        kind: "earn",
        amount: 40,
        corrects: original.id,
        note: expect.stringContaining("edited by an import"),
      },
    ]);
    const balance = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(balance.programs).toEqual([expect.objectContaining({ programId, available: 73 })]);
    // Features and the store KPIs (their cached month was dropped and is filled again) see 40.00.
    const [features] = await queryRows<{ revenue: number; orders: number }>(
      handle.db,
      sql`select f.revenue::int as revenue, f.orders_count as orders from customer_features f join customers c on c.id = f.customer_id where c.external_id = 'ANNA'`,
    );
    expect(features).toEqual({ revenue: 7300, orders: 2 });
    expect(await mil()).toMatchObject({ revenue: 7300, orders: 2, pointsIssued: 73 + 20 });
    expect(await mil()).toEqual(
      (await liveStoreKpis(handle.db, june, "Europe/Rome")).find((k) => k.revenue > 0),
    );

    // The edited file again: nothing changes.
    expect(await importCsv(handle.db, userId, "orders", doubled)).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
    expect(await ledgerOf("O-2")).toHaveLength(3);

    // Edited back: what the second version earned is taken back (from its own lot), and 20 earned.
    const back = await importCsv(handle.db, userId, "orders", ordersFile);
    expect(back).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    expect((await ledgerOf("O-2")).slice(3)).toEqual([
      expect.objectContaining({ kind: "adjust", amount: -40, corrects: original.id }),
      expect.objectContaining({ kind: "earn", amount: 20, corrects: original.id }),
    ]);
    const after = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(after.programs).toEqual([expect.objectContaining({ programId, available: 53 })]);
    // The order still counts once in the member's state.
    const [state] = await queryRows<{ orders: number }>(
      handle.db,
      sql`select (e.state->>'orderCount')::int as orders from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
    );
    expect(state).toEqual({ orders: 2 });
  });

  it("keeps the member's state: a later API order earns on top of the imported ones", async () => {
    const posted = await postOrder(
      { db: handle.db, now, apiKeyId: null },
      {
        externalId: "API-1",
        customerId: "ANNA",
        placedAt: "2025-06-10T10:00:00Z",
        currency: "EUR",
        channel: "offline",
        storeCode: "MIL",
        items: [
          { sku: "A1", name: "Espresso beans", category: "coffee", quantity: 1, unitPrice: 1000 },
        ],
      },
    );
    expect(posted.programs).toEqual([
      expect.objectContaining({ programId, earned: 10, available: 63 }),
    ]);
    // The stored state counts all three orders.
    const [state] = await queryRows<{ orders: number }>(
      handle.db,
      sql`select (e.state->>'orderCount')::int as orders from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
    );
    expect(state).toEqual({ orders: 3 });
  });

  it("an order moved to another customer is taken back from the first and earned by the second", async () => {
    // Moved after Anna's last event (API-1, 10 June): her state can take it at its own time.
    const moved = await importCsv(handle.db, userId, "orders", [
      ...ordersFile.slice(0, 4),
      ordersFile[4]!.replace(",BRUNO,2025-06-01 11:00,", ",ANNA,2025-06-12 11:00,"),
    ]);
    expect(moved).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    const entries = await queryRows<{
      customer: string;
      kind: string;
      amount: number;
      corrects: boolean;
    }>(
      handle.db,
      sql`select c.external_id as customer, l.kind::text as kind, l.amount::int as amount,
                 l.corrects_entry_id is not null as corrects
          from ledger_entries l join orders o on o.id = l.order_id join customers c on c.id = l.customer_id
          where o.external_id = 'O-3' order by c.external_id desc, l.id`,
    );
    expect(entries).toEqual([
      { customer: "BRUNO", kind: "earn", amount: 12, corrects: false },
      { customer: "BRUNO", kind: "adjust", amount: -12, corrects: true },
      { customer: "ANNA", kind: "earn", amount: 12, corrects: true },
    ]);
    const ctx = { db: handle.db, now, apiKeyId: null };
    expect((await customerBalance(ctx, "BRUNO")).programs).toEqual([
      expect.objectContaining({ available: 0 }),
    ]);
    expect((await customerBalance(ctx, "ANNA")).programs).toEqual([
      expect.objectContaining({ programId, available: 75 }),
    ]);
    // A refund of the moved order afterwards claws back from its new customer, like any order's.
    const refund = await postRefund(ctx, {
      externalId: "R-3",
      orderId: "O-3",
      amount: 1250,
      refundedAt: "2025-06-15T10:00:00Z",
    });
    expect(refund.programs).toEqual([
      expect.objectContaining({ programId, adjusted: -12, available: 63 }),
    ]);
    // Both customers' features follow the order.
    const features = await queryRows<{ customer: string; orders: number }>(
      handle.db,
      sql`select c.external_id as customer, coalesce(f.orders_count, 0) as orders
          from customers c left join customer_features f on f.customer_id = c.id order by 1`,
    );
    expect(features).toEqual([
      { customer: "ANNA", orders: 4 },
      { customer: "BRUNO", orders: 0 },
    ]);
  });

  it("an edit of an order older than the member's last event takes back what it earned and earns its new figures as of that event", async () => {
    const before = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    const stateBefore = await annaOrderCount();
    // O-1 (1 June, earned 33): two mugs instead of one, 41.00. Anna has events up to 15 June, so her
    // state is only known there: the earlier version's 33 points are taken back and the new version
    // earns 41, both as of her last event (the ledger never goes back in time).
    const edited = await importCsv(handle.db, userId, "orders", [
      ...ordersFile.slice(0, 3),
      ordersFile[3]!.replace(",1,8.00", ",2,8.00"),
      ordersFile[4]!.replace(",BRUNO,2025-06-01 11:00,", ",ANNA,2025-06-12 11:00,"),
    ]);
    expect(edited).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    const entries = await ledgerOf("O-1");
    expect(entries).toEqual([
      expect.objectContaining({ kind: "earn", amount: 33, corrects: null }),
      expect.objectContaining({
        kind: "adjust",
        amount: -33,
        corrects: entries[0]!.id,
        note: expect.stringContaining("what its earlier version earned is taken back"),
      }),
      expect.objectContaining({
        kind: "earn",
        amount: 41,
        corrects: entries[0]!.id,
        note: expect.stringContaining("earned on its new figures"),
      }),
    ]);
    const [dates] = await queryRows<{ first: string; last: string }>(
      handle.db,
      sql`select to_char(min(l.effective_at) at time zone 'UTC', 'YYYY-MM-DD') as first,
                 to_char(max(l.effective_at) at time zone 'UTC', 'YYYY-MM-DD') as last
          from ledger_entries l join orders o on o.id = l.order_id
          where o.external_id = 'O-1' and l.corrects_entry_id is not null`,
    );
    expect(dates).toEqual({ first: "2025-06-15", last: "2025-06-15" });
    const after = await customerBalance({ db: handle.db, now, apiKeyId: null }, "ANNA");
    expect(after.programs).toEqual([
      expect.objectContaining({ programId, available: before.programs[0]!.available - 33 + 41 }),
    ]);
    // Still one order of hers: the earlier version stopped counting, the new one counts.
    expect(await annaOrderCount()).toBe(stateBefore);
  });

  it("an edit of item names or categories only rewrites the items and leaves the programs alone", async () => {
    const entriesBefore = await ledger();
    const [stateBefore] = await queryRows<{ state: unknown }>(
      handle.db,
      sql`select e.state from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
    );
    const renamed = await importCsv(handle.db, userId, "orders", [
      ordersFile[0]!,
      ordersFile[1]!.replace("Espresso beans,coffee", "Espresso beans 1kg,grocery"),
      ...ordersFile.slice(2, 3),
      ordersFile[3]!.replace(",1,8.00", ",2,8.00"),
      ordersFile[4]!.replace(",BRUNO,2025-06-01 11:00,", ",ANNA,2025-06-12 11:00,"),
    ]);
    expect(renamed).toMatchObject({ ok: true, counts: { inserted: 0, updated: 1 } });
    expect(await ledger()).toEqual(entriesBefore);
    const [stateAfter] = await queryRows<{ state: unknown }>(
      handle.db,
      sql`select e.state from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'ANNA'`,
    );
    expect(stateAfter).toEqual(stateBefore);
    expect(
      await queryRows(
        handle.db,
        sql`select i.name, i.category from order_items i join orders o on o.id = i.order_id where o.external_id = 'O-2'`,
      ),
    ).toEqual([{ name: "Espresso beans 1kg", category: "grocery" }]);
  });

  it("lines equal but for their names compare equal whatever their order in the file", async () => {
    const boxes = [
      ordersFile[0]!,
      "O-20,ANNA,2025-06-25 10:00,MIL,C3,Gift box red,gifts,1,5.00",
      "O-20,ANNA,2025-06-25 10:00,MIL,C3,Gift box blue,gifts,1,5.00",
      "O-20,ANNA,2025-06-25 10:00,MIL,C3,Gift box green,gifts,1,5.00",
    ];
    expect(await importCsv(handle.db, userId, "orders", boxes)).toMatchObject({
      ok: true,
      counts: { inserted: 1, updated: 0 },
    });
    const entries = await ledgerOf("O-20");
    const swapped = [boxes[0]!, boxes[3]!, boxes[1]!, boxes[2]!];
    expect(await importCsv(handle.db, userId, "orders", swapped)).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
    expect(
      await importCsv(handle.db, userId, "orders", [boxes[0]!, ...boxes.slice(1).reverse()]),
    ).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 0 },
    });
    expect(await ledgerOf("O-20")).toEqual(entries);
  });

  it("a file whose new orders arrive together with a bad row earns nothing", async () => {
    const before = await ledger();
    const outcome = await importCsv(handle.db, userId, "orders", [
      ordersFile[0]!,
      "O-9,ANNA,2025-06-20 10:00,MIL,A1,Espresso beans,coffee,1,99.00",
      "O-10,NOBODY,2025-06-20 10:00,MIL,A1,Espresso beans,coffee,1,99.00",
    ]);
    expect(outcome.ok).toBe(false);
    expect(await ledger()).toEqual(before);
  });
});

describe.each(testDrivers())("an edited order and the program's schedule on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  const earned = (order: string) =>
    queryRows<{ kind: string; amount: number }>(
      handle.db,
      sql`select l.kind::text as kind, l.amount::int as amount
          from ledger_entries l join orders o on o.id = l.order_id where o.external_id = ${order} order by l.id`,
    );

  beforeAll(async () => {
    handle = await openTestDb(driver, "import_program_schedule");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    const carla = await makeCustomer(handle.db, { externalId: "CARLA" });
    // A draft first, so the program below does not share its id (and the engine's cache of compiled
    // programs, keyed by id and version) with the one of the suite above.
    await handle.db.insert(programs).values({ name: "Draft", type: "flexible-rewards" });
    // Starts on 15 June: earlier orders earn nothing.
    await enrollInRewards(handle.db, carla.id, {
      startsAt: Date.parse("2025-06-15T00:00:00Z"),
    });
  }, 60_000);
  afterAll(() => handle.close());

  const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";
  const before = "O-30,CARLA,2025-06-10 10:00,MIL,A1,Espresso beans,coffee,1,20.00";
  const inside = "O-31,CARLA,2025-06-20 10:00,MIL,A1,Espresso beans,coffee,1,10.00";

  it("an order placed before the program started earns nothing when a re-import edits it", async () => {
    expect(await importCsv(handle.db, userId, "orders", [header, before, inside])).toMatchObject({
      ok: true,
      counts: { inserted: 2, updated: 0 },
    });
    expect(await earned("O-30")).toEqual([]);
    expect(await earned("O-31")).toEqual([{ kind: "earn", amount: 10 }]);

    // Two bags: evaluated at Carla's last event (20 June) it would earn 40; on 10 June it earns nothing.
    const doubled = before.replace(",1,20.00", ",2,20.00");
    expect(await importCsv(handle.db, userId, "orders", [header, doubled, inside])).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 1 },
    });
    expect(await earned("O-30")).toEqual([]);

    // Moved after her last event, inside the schedule: its earlier version earned nothing (nothing to
    // take back), and the new one earns like a new order on 25 June.
    const moved = doubled.replace("2025-06-10", "2025-06-25");
    expect(await importCsv(handle.db, userId, "orders", [header, moved, inside])).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 1 },
    });
    expect(await earned("O-30")).toEqual([{ kind: "earn", amount: 40 }]);
    const balance = await customerBalance({ db: handle.db, now, apiKeyId: null }, "CARLA");
    expect(balance.programs).toEqual([expect.objectContaining({ available: 50 })]);
    // Two orders of hers count: O-31, and O-30's latest version (its earlier ones never counted).
    const [state] = await queryRows<{ orders: number }>(
      handle.db,
      sql`select (e.state->>'orderCount')::int as orders from enrollments e join customers c on c.id = e.customer_id where c.external_id = 'CARLA'`,
    );
    expect(state?.orders).toBe(2);
  });

  it("an order inside the schedule, edited while it is the member's latest, earns at its own time", async () => {
    // O-30 (25 June, 40.00) is Carla's latest order: a price edit is evaluated on 25 June.
    const cheaper = "O-30,CARLA,2025-06-25 10:00,MIL,A1,Espresso beans,coffee,2,15.00";
    expect(await importCsv(handle.db, userId, "orders", [header, cheaper, inside])).toMatchObject({
      ok: true,
      counts: { inserted: 0, updated: 1 },
    });
    // What its version of 25 June earned (40) is taken back, and it earns 30 on its new figures, all
    // on 25 June (its own time: the member has no later event).
    const rows = await queryRows<{ kind: string; amount: number; at: string }>(
      handle.db,
      sql`select l.kind::text as kind, l.amount::int as amount, to_char(l.effective_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at
          from ledger_entries l join orders o on o.id = l.order_id where o.external_id = 'O-30' order by l.id`,
    );
    expect(rows).toEqual([
      { kind: "earn", amount: 40, at: "2025-06-25 08:00" },
      { kind: "adjust", amount: -40, at: "2025-06-25 08:00" },
      { kind: "earn", amount: 30, at: "2025-06-25 08:00" },
    ]);
  });
});

// Four customers, three orders each, out of time order. In rounds of two orders the program step
// runs in several rounds (overlapping the engine with the previous round's writes on PostgreSQL);
// the ledger and the members' states must come out exactly as in one round.
const roundsFile = [
  "order_id,customer_id,order_date,store,sku,name,category,qty,price",
  ...["ANNA", "BRUNO", "CARLA", "DARIO"].flatMap((customer, c) =>
    [3, 1, 2].flatMap((day, o) => [
      `R-${c}-${o},${customer},2025-06-0${day} 1${c}:00,MIL,A1,Espresso beans,coffee,${1 + o},1${c}.50`,
      `R-${c}-${o},${customer},2025-06-0${day} 1${c}:00,MIL,B2,Mug,kitchen,1,${4 + day}.00`,
    ]),
  ),
];

describe.each(testDrivers())("an orders file in several program rounds on $name", (driver) => {
  async function importInRounds(roundOrders: number | undefined) {
    const handle = await openTestDb(driver, `import_rounds_${roundOrders ?? "one"}`);
    try {
      await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
      await makeStore(handle.db, { code: "MIL" });
      const userId = (await makeUser(handle.db, { role: "admin" })).id;
      const anna = await makeCustomer(handle.db, { externalId: "ANNA" });
      for (const externalId of ["BRUNO", "CARLA", "DARIO"])
        await makeCustomer(handle.db, { externalId });
      // The others are enrolled by the import (the program targets everyone).
      await enrollInRewards(handle.db, anna.id);
      const outcome = await importCsv(handle.db, userId, "orders", roundsFile, roundOrders);
      expect(outcome).toMatchObject({ ok: true, counts: { inserted: 12, updated: 0 } });
      return {
        ledger: await queryRows(
          handle.db,
          sql`select o.external_id as order, l.kind::text as kind, l.amount::int as amount,
                     l.idempotency_key as key, l.effective_at as at
              from ledger_entries l join orders o on o.id = l.order_id order by o.external_id, l.id`,
        ),
        states: await queryRows<{ customer: string; state: unknown; tier: string | null }>(
          handle.db,
          sql`select c.external_id as customer, e.state, e.tier
              from enrollments e join customers c on c.id = e.customer_id order by c.external_id`,
        ),
      };
    } finally {
      await handle.close();
    }
  }

  it("an engine failure in a later round rolls everything back and frees the connection", async () => {
    const handle = await openTestDb(driver, "import_rounds_failure");
    try {
      await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
      await makeStore(handle.db, { code: "MIL" });
      const userId = (await makeUser(handle.db, { role: "admin" })).id;
      const people = [];
      for (const externalId of ["ANNA", "BRUNO", "CARLA", "DARIO"])
        people.push(await makeCustomer(handle.db, { externalId }));
      const program = await enrollInRewards(handle.db, people[0]!.id);
      for (const person of people.slice(1))
        await handle.db.execute(
          sql`insert into enrollments (program_id, customer_id, is_control, enrolled_at)
              values (${program.id}, ${person.id}, false, '2024-01-01T00:00:00Z')`,
        );
      // Dario's stored state is damaged: the engine throws on it, in the last round, while the
      // previous round's ledger and states are still being written (PostgreSQL overlaps them).
      await handle.db.execute(
        sql`update enrollments set state = '{"orders": 5, "lots": 5}'::jsonb where customer_id = ${people[3]!.id}`,
      );
      await expect(importCsv(handle.db, userId, "orders", roundsFile, 2)).rejects.toThrow(
        TypeError,
      );
      expect(await count(handle.db, "orders")).toBe(0);
      expect(await count(handle.db, "ledger_entries")).toBe(0);
      // No connection was left inside the failed transaction holding the members' row locks.
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from enrollments for update nowait`);
      });
    } finally {
      await handle.close();
    }
  }, 60_000);

  it("earns and keeps states exactly as one round does", async () => {
    const one = await importInRounds(undefined);
    const several = await importInRounds(2);
    // Three members earn on their three orders; the fourth customer falls in the control group.
    expect(one.ledger).toHaveLength(9);
    expect(one.states.filter((s) => s.state !== null)).toHaveLength(3);
    expect(several).toEqual(one);
  }, 60_000);
});

describe.each(testDrivers())("an edited order whose points were spent on $name", (driver) => {
  let handle: DbHandle;
  let userId: number;
  let programId: number;
  const header = "order_id,customer_id,order_date,store,sku,name,category,qty,price";

  beforeAll(async () => {
    handle = await openTestDb(driver, "import_edit_spent");
    await makeBusiness(handle.db, { currency: "EUR", timezone: "Europe/Rome" });
    await makeStore(handle.db, { code: "MIL" });
    userId = (await makeUser(handle.db, { role: "admin" })).id;
    const dora = await makeCustomer(handle.db, { externalId: "DORA" });
    // A draft first, so this program's id differs from the other suites' (the compiled cache).
    await handle.db.insert(programs).values({ name: "Draft", type: "flexible-rewards" });
    await handle.db.insert(programs).values({ name: "Draft 2", type: "flexible-rewards" });
    // 1 point per 1.00, usable at once; a 100-point perk.
    programId = (await enrollInRewards(handle.db, dora.id)).id;
  }, 60_000);
  afterAll(() => handle.close());

  it("pays back what was spent out of the new version's points, so the edit never pays twice", async () => {
    const ctx = { db: handle.db, now, apiKeyId: null };
    const first = `O-40,DORA,2025-06-01 10:00,MIL,A1,Espresso beans,coffee,1,120.00`;
    expect(await importCsv(handle.db, userId, "orders", [header, first])).toMatchObject({
      ok: true,
    });
    await redeem(ctx, { customerId: "DORA", programId, rewardId: "perk" }, "perk-1");
    // 120 earned, 100 spent: only 20 can be taken back when the order is edited to 121.00.
    const edited = first.replace("120.00", "121.00");
    expect(await importCsv(handle.db, userId, "orders", [header, edited])).toMatchObject({
      ok: true,
      counts: { updated: 1 },
    });
    const balance = await customerBalance(ctx, "DORA");
    expect(balance.programs).toEqual([expect.objectContaining({ available: 21 })]);
    const entries = await queryRows<{ kind: string; amount: number; note: string }>(
      handle.db,
      sql`select kind::text as kind, amount::int as amount, note from ledger_entries
          where program_id = ${programId} order by id`,
    );
    expect(entries.map((e) => [e.kind, e.amount])).toEqual([
      ["earn", 120],
      ["redeem", -100],
      ["adjust", -20],
      ["earn", 121],
      ["adjust", -100],
    ]);
    expect(entries[4]!.note).toContain("already spent");
  });
});
