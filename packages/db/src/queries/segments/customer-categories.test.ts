import { sql, type SQL } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DbHandle } from "../../client";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { queryRows } from "../rows";
import {
  customerCategoriesFromOrders,
  customerOrderTimesFromOrders,
  rebuildSegmentWindowTables,
} from "./customer-categories";

type Tables = { categories: unknown[]; times: unknown[] };

const categories = ["wine", "bakery", "dairy"] as const;
const base = Date.parse("2026-01-01T00:00:00Z");
const at = (day: number) => new Date(base + day * 86_400_000).toISOString();

const categoriesOf = (from: SQL) =>
  sql`select customer_id, category, first_at::text, last_at::text, placed::text from ${from} order by 1, 2`;
const timesOf = (from: SQL) =>
  sql`select customer_id, placed::text, running_total::text from ${from} order by 1`;
const stored = async (db: Database): Promise<Tables> => ({
  categories: await queryRows(db, categoriesOf(sql`customer_categories`)),
  times: await queryRows(db, timesOf(sql`customer_order_times`)),
});
const rebuilt = async (db: Database): Promise<Tables> => ({
  categories: await queryRows(db, categoriesOf(sql`(${customerCategoriesFromOrders}) r`)),
  times: await queryRows(db, timesOf(sql`(${customerOrderTimesFromOrders}) r`)),
});

/** Orders with their lines in one statement, as ingest (post-orders) writes them. */
async function ingest(
  db: Database,
  batch: { customer: number; day: number; total?: number; cats: string[] }[],
  ids: (number | undefined)[],
  serial: { n: number },
) {
  const rows = batch.map((o) => ({
    external_id: `E${serial.n++}`,
    customer_id: ids[o.customer]!,
    placed_at: at(o.day),
    total: o.total ?? 100,
    items: o.cats.map((category) => ({ category })),
  }));
  await db.execute(sql`with r as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json)
        as r(external_id text, customer_id int, placed_at timestamptz, total bigint, items json)),
    o as (
      insert into orders (external_id, customer_id, placed_at, subtotal, total, currency, channel)
      select external_id, customer_id, placed_at, total, total, 'EUR', 'offline' from r returning id, external_id),
    i as (
      insert into order_items (order_id, sku, name, category, quantity, unit_price)
      select o.id, 'SKU', 'Item', x.category, 1, 100
      from r join o using (external_id), json_to_recordset(r.items) as x(category text))
    select 1`);
}

/**
 * An order moved to another customer and instant with its lines replaced, in one statement, as an
 * import re-applying an order does (apply-staged: upsert, drop the old lines, add the new ones).
 */
async function reimport(db: Database, pick: number, customer: number, day: number, cats: string[]) {
  await db.execute(sql`with target as (
      select id from orders order by id offset ${pick}::int % greatest((select count(*) from orders), 1) limit 1),
    up as (
      update orders set customer_id = ${customer}::int, placed_at = ${at(day)}::timestamptz
      where id in (select id from target) returning id),
    dropped as (delete from order_items where order_id in (select id from up)),
    added as (
      insert into order_items (order_id, sku, name, category, quantity, unit_price)
      select up.id, 'SKU', 'Item', c, 1, 100 from up, unnest(${`{${cats.join(",")}}`}::text[]) as c)
    select 1`);
}

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant("ingest" as const),
    batch: fc.array(
      fc.record({
        customer: fc.nat(3),
        day: fc.integer({ min: 0, max: 60 }),
        total: fc.constantFrom(100, 250, 999),
        cats: fc.subarray([...categories], { minLength: 1 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({
    kind: fc.constant("reimport" as const),
    pick: fc.nat(50),
    customer: fc.nat(3),
    day: fc.integer({ min: 0, max: 60 }),
    cats: fc.subarray([...categories]),
  }),
  fc.record({ kind: fc.constant("deleteLine" as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant("deleteOrder" as const), pick: fc.nat(50) }),
  fc.record({
    kind: fc.constant("recategorise" as const),
    pick: fc.nat(50),
    category: fc.constantFrom(...categories),
  }),
  fc.record({ kind: fc.constant("deleteCustomer" as const), customer: fc.nat(3) }),
  fc.record({ kind: fc.constant("retotal" as const), pick: fc.nat(50), total: fc.nat(5000) }),
);

/**
 * Runs `write` in a transaction that stays open after it (as a long import's does): resolves once
 * the writes are done; `release` lets it commit, `done` settles when it has.
 */
async function openTransaction(
  db: Database,
  write: (tx: Database) => Promise<unknown>,
): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const done = db.transaction(async (tx) => {
    await write(tx as unknown as Database);
    written();
    await held;
  });
  await Promise.race([wrote, done]);
  return { release, done };
}

describe.each(testDrivers())("customer_categories on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "segments_customer_categories");
  });
  afterAll(async () => handle?.close());

  it("customer_categories and customer_order_times equal a full rebuild after any sequence of ingests, re-imports, changes, deletions and truncation", async () => {
    const db = handle.db;
    const serial = { n: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        await db.execute(sql`truncate customers restart identity cascade`);
        expect(await stored(db)).toEqual({ categories: [], times: [] });
        const made = await queryRows<{ id: number }>(
          db,
          sql`insert into customers (external_id, name, signed_up_at)
            select 'K' || g || '-' || ${serial.n++}::int, 'K', now() from generate_series(1, 4) g returning id`,
        );
        // Customers still there (a deleted one takes no more orders).
        const ids = made.map((m) => m.id);
        for (const op of ops) {
          const nth = (pick: number, table: "orders" | "order_items") =>
            sql`(select id from ${sql.raw(table)} order by id offset ${pick}::int % greatest((select count(*) from ${sql.raw(table)}), 1) limit 1)`;
          switch (op.kind) {
            case "ingest": {
              const alive = op.batch.filter((o) => ids[o.customer] !== undefined);
              if (alive.length > 0) await ingest(db, alive, ids, serial);
              break;
            }
            case "reimport":
              if (ids[op.customer] !== undefined)
                await reimport(db, op.pick, ids[op.customer]!, op.day, op.cats);
              break;
            case "deleteLine":
              await db.execute(
                sql`delete from order_items where id = ${nth(op.pick, "order_items")}`,
              );
              break;
            case "deleteOrder":
              await db.execute(sql`delete from orders where id = ${nth(op.pick, "orders")}`);
              break;
            case "recategorise":
              await db.execute(
                sql`update order_items set category = ${op.category} where id = ${nth(op.pick, "order_items")}`,
              );
              break;
            case "retotal":
              await db.execute(
                sql`update orders set subtotal = ${op.total}::bigint, total = ${op.total}::bigint where id = ${nth(op.pick, "orders")}`,
              );
              break;
            case "deleteCustomer":
              if (ids[op.customer] === undefined) break;
              await db.execute(sql`delete from customers where id = ${ids[op.customer]!}::int`);
              delete ids[op.customer];
              break;
          }
          expect(await stored(db), JSON.stringify(op)).toEqual(await rebuilt(db));
        }
        const incremental = await stored(db);
        await rebuildSegmentWindowTables(db);
        expect(await stored(db)).toEqual(incremental);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("keeps a customer's purchase instants per category and their orders' running totals", async () => {
    const db = handle.db;
    await db.execute(sql`truncate customers restart identity cascade`);
    const [c] = await queryRows<{ id: number }>(
      db,
      sql`insert into customers (external_id, name, signed_up_at) values ('ONE', 'One', now()) returning id`,
    );
    const iso = (v: unknown) => new Date(v as string).toISOString();
    await ingest(
      db,
      [
        { customer: 0, day: 10, total: 100, cats: ["wine", "dairy"] },
        { customer: 0, day: 3, total: 250, cats: ["wine"] },
      ],
      [c!.id],
      { n: 1000 },
    );
    await ingest(db, [{ customer: 0, day: 20, total: 999, cats: ["wine"] }], [c!.id], { n: 2000 });
    const rows = await queryRows<{
      category: string;
      first_at: Date;
      last_at: Date;
      placed: unknown[];
    }>(
      db,
      sql`select category, first_at, last_at, to_json(placed) as placed from customer_categories order by category`,
    );
    expect(
      rows.map((r) => [r.category, iso(r.first_at), iso(r.last_at), r.placed.map(iso)]),
    ).toEqual([
      ["dairy", at(10), at(10), [at(10)]],
      ["wine", at(3), at(20), [at(3), at(10), at(20)]],
    ]);
    const [times] = await queryRows<{ placed: unknown[]; running: string }>(
      db,
      sql`select to_json(placed) as placed, running_total::text as running from customer_order_times where customer_id = ${c!.id}::int`,
    );
    expect(times!.placed.map(iso)).toEqual([at(3), at(10), at(20)]);
    expect(times!.running).toBe("{0,250,350,1349}");
  });

  it("empties with the orders, also when one TRUNCATE names them all (a reset)", async () => {
    const db = handle.db;
    await ingest(
      db,
      [{ customer: 0, day: 1, cats: ["wine"] }],
      [(await queryRows<{ id: number }>(db, sql`select id from customers limit 1`))[0]!.id],
      { n: 7000 },
    );
    await db.execute(
      sql`truncate orders, order_items, customer_categories, customer_order_times restart identity cascade`,
    );
    expect(await stored(db)).toEqual({ categories: [], times: [] });
    await ingest(
      db,
      [{ customer: 0, day: 2, cats: ["dairy"] }],
      [(await queryRows<{ id: number }>(db, sql`select id from customers limit 1`))[0]!.id],
      { n: 8000 },
    );
    await db.execute(sql`truncate order_items, orders cascade`);
    expect(await stored(db)).toEqual({ categories: [], times: [] });
  });

  it.runIf(driver.name === "postgres")(
    "lets two transactions write one customer's orders at once: the second waits and recomputes",
    async () => {
      const db = handle.db;
      await db.execute(sql`truncate customers restart identity cascade`);
      const [c] = await queryRows<{ id: number }>(
        db,
        sql`insert into customers (external_id, name, signed_up_at) values ('TWO', 'Two', now()) returning id`,
      );
      const first = await openTransaction(db, (tx) =>
        ingest(tx, [{ customer: 0, day: 5, cats: ["wine"] }], [c!.id], { n: 5000 }),
      );
      // Without the refresh's lock this one would fail on customer_order_times' primary key.
      const second = db.transaction(async (tx) => {
        await ingest(
          tx as unknown as Database,
          [{ customer: 0, day: 9, total: 250, cats: ["dairy", "wine"] }],
          [c!.id],
          { n: 6000 },
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      first.release();
      await Promise.all([first.done, second]);
      const tables = await stored(db);
      expect(tables).toEqual(await rebuilt(db));
      expect(tables.times).toHaveLength(1);
      expect(tables.categories).toHaveLength(2);
    },
  );

  it.runIf(driver.name === "postgres")(
    "an order moved to a customer whose first order is being written at the same time: both land, the tables agree",
    async () => {
      const db = handle.db;
      await db.execute(sql`truncate customers restart identity cascade`);
      const [x, y] = await queryRows<{ id: number }>(
        db,
        sql`insert into customers (external_id, name, signed_up_at)
            values ('X', 'X', now()), ('Y', 'Y', now()) returning id`,
      );
      await ingest(db, [{ customer: 0, day: 3, cats: ["bakery"] }], [y!.id], { n: 7000 });
      // X's first order (appended: X has no row yet), not committed while the move runs.
      const first = await openTransaction(db, (tx) =>
        ingest(tx, [{ customer: 0, day: 5, cats: ["wine"] }], [x!.id], { n: 7100 }),
      );
      // Y's order moves to X (an import's edit) meanwhile: both land, and the tables agree with them.
      const moved = db.execute(
        sql`update orders set customer_id = ${x!.id} where customer_id = ${y!.id}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      first.release();
      await Promise.all([first.done, moved]);
      const tables = await stored(db);
      expect(tables).toEqual(await rebuilt(db));
      expect(tables.times).toHaveLength(1);
    },
  );

  it.runIf(driver.name === "postgres")(
    "never makes an order of another customer wait for a long import of many customers",
    async () => {
      const db = handle.db;
      await db.execute(sql`truncate customers restart identity cascade`);
      const created = await queryRows<{ id: number }>(
        db,
        sql`insert into customers (external_id, name, signed_up_at)
            select 'MANY' || g, 'Many ' || g, now() from generate_series(1, 301) g returning id`,
      );
      const ids = created.map((r) => r.id);
      const importing = ids.slice(0, 300);
      const outsider = ids[300]!;
      // An import of 300 customers' orders, still open (imports run in one transaction).
      const longImport = await openTransaction(db, (tx) =>
        ingest(
          tx,
          importing.map((_, i) => ({ customer: i, day: 3, cats: ["bakery"] })),
          importing,
          { n: 7000 },
        ),
      );
      // Meanwhile a till posts an order of a customer the import does not touch: it commits while
      // the import is still open (it would hang here if the import's locks covered every customer).
      await db.transaction(async (tx) => {
        await ingest(
          tx as unknown as Database,
          [{ customer: 0, day: 4, cats: ["wine"] }],
          [outsider],
          { n: 8000 },
        );
      });
      const [committed] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from customer_order_times where customer_id = ${outsider}::int`,
      );
      expect(committed!.n).toBe(1);
      longImport.release();
      await longImport.done;
      expect(await stored(db)).toEqual(await rebuilt(db));
    },
  );
});
