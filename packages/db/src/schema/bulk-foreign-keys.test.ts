import type { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database, DbHandle } from "../client";
import { queryRows } from "../queries/rows";
import { openTestDb, testDrivers } from "../testing/test-db";

/**
 * orders, order_items and ledger_entries check their six foreign keys with statement triggers
 * (migration 0020) instead of PostgreSQL's per-row foreign keys. These tests pin down that nothing
 * changed for the application: the same refusals (SQLSTATE, constraint name, table, message and
 * detail PostgreSQL itself gives), the same cascades, and the same locking against a concurrent
 * delete of the parent.
 */

type PgFailure = {
  code: string;
  constraint: string | undefined;
  table: string | undefined;
  message: string;
  detail: string | undefined;
};

/** The database error behind a rejected query, on either driver (Drizzle wraps it in `cause`). */
function pgFailure(error: unknown): PgFailure {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const e = current as Record<string, unknown>;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code))
      return {
        code: e.code,
        // postgres.js names the fields constraint_name and table_name, PGlite constraint and table.
        constraint: (e.constraint_name ?? e.constraint) as string | undefined,
        table: (e.table_name ?? e.table) as string | undefined,
        message: String(e.message),
        detail: e.detail as string | undefined,
      };
    current = e.cause;
  }
  throw error;
}

async function failure(run: Promise<unknown>): Promise<PgFailure> {
  try {
    await run;
  } catch (error) {
    return pgFailure(error);
  }
  throw new Error("expected the statement to be refused");
}

/** What a child row pointing nowhere gives, word for word as PostgreSQL's own foreign key. */
const orphan = (
  table: string,
  constraint: string,
  column: string,
  key: number,
  parent: string,
) => ({
  code: "23503",
  constraint,
  table,
  message: `insert or update on table "${table}" violates foreign key constraint "${constraint}"`,
  detail: `Key (${column})=(${key}) is not present in table "${parent}".`,
});

/**
 * What removing (or renumbering) a parent row that is still referenced gives. An ON DELETE
 * RESTRICT refusal has its own SQLSTATE and wording from PostgreSQL 18 on (PGlite is 18, the
 * server 15); NO ACTION (every key update here) keeps 23503 on both.
 */
const referenced = (
  serverVersion: number,
  parent: string,
  constraint: string,
  table: string,
  key: number,
  action: "restrict" | "no action" = "no action",
) =>
  action === "restrict" && serverVersion >= 180000
    ? {
        code: "23001",
        constraint,
        table,
        message: `update or delete on table "${parent}" violates RESTRICT setting of foreign key constraint "${constraint}" on table "${table}"`,
        detail: `Key (id)=(${key}) is referenced from table "${table}".`,
      }
    : {
        code: "23503",
        constraint,
        table,
        message: `update or delete on table "${parent}" violates foreign key constraint "${constraint}" on table "${table}"`,
        detail: `Key (id)=(${key}) is still referenced from table "${table}".`,
      };

const ORDER_COLUMNS = sql.raw(
  "(id, external_id, customer_id, store_id, placed_at, subtotal, total, currency, channel)",
);
const order = (id: number, customer: number, store: number | null) =>
  sql`(${id}::int, ${`O${id}`}, ${customer}::int, ${store}::int, '2026-01-10T10:00:00Z', 1000, 1000, 'EUR', 'offline')`;
const ITEM_COLUMNS = sql.raw("(id, order_id, sku, name, category, quantity, unit_price)");
const item = (id: number, orderId: number) =>
  sql`(${id}::int, ${orderId}::int, 'SKU', 'Item', 'wine', 1, 500)`;
const LEDGER_COLUMNS = sql.raw(
  "(id, program_id, customer_id, order_id, kind, unit, amount, effective_at)",
);
const entry = (id: number, program: number, customer: number, orderId: number | null) =>
  sql`(${id}::int, ${program}::int, ${customer}::int, ${orderId}::int, 'earn', 'points', 10, '2026-01-10T10:00:00Z')`;

/** Every row of the six tables involved, to show that a refused statement changed nothing. */
async function everything(db: Database) {
  const read = (query: SQL) => queryRows(db, query);
  return {
    stores: await read(sql`select id from stores order by id`),
    customers: await read(sql`select id from customers order by id`),
    programs: await read(sql`select id from programs order by id`),
    orders: await read(sql`select id, customer_id, store_id from orders order by id`),
    items: await read(sql`select id, order_id from order_items order by id`),
    ledger: await read(
      sql`select id::int, program_id, customer_id, order_id from ledger_entries order by id`,
    ),
  };
}

const ids = async (db: Database, table: string) =>
  (await queryRows<{ id: number }>(db, sql.raw(`select id::int from ${table} order by id`))).map(
    (r) => r.id,
  );

describe.each(testDrivers())("bulk foreign keys on $name", (driver) => {
  let handle: DbHandle;
  let serverVersion = 0;
  beforeAll(async () => {
    handle = await openTestDb(driver, "schema_bulk_foreign_keys");
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select current_setting('server_version_num')::int as n`,
    );
    serverVersion = row!.n;
  }, 120_000);
  afterAll(async () => handle?.close());

  /**
   * Stores 1 and 2 (2 has only orders), customers 1–3, programs 1 and 2 (2 without entries).
   * Order 1 (customer 1, store 1) has items 1 and 2; order 2 (customer 2, store 2) has item 3 and
   * ledger entry 1; order 3 (customer 3, no store) has nothing.
   */
  beforeEach(async () => {
    const db = handle.db;
    await db.execute(sql`truncate stores, customers, programs restart identity cascade`);
    await db.execute(sql`insert into stores (id, code, name, city, region, opened_at)
      values (1, 'S1', 'One', 'Milano', 'Lombardia', '2020-01-01'), (2, 'S2', 'Two', 'Roma', 'Lazio', '2020-01-01')`);
    await db.execute(sql`insert into customers (id, external_id, name, signed_up_at, home_store_id)
      values (1, 'C1', 'One', '2024-01-01', 1), (2, 'C2', 'Two', '2024-01-01', 1), (3, 'C3', 'Three', '2024-01-01', null)`);
    await db.execute(
      sql`insert into programs (id, name, type) values (1, 'Points', 'points'), (2, 'Idle', 'points')`,
    );
    await db.execute(
      sql`insert into orders ${ORDER_COLUMNS} values ${order(1, 1, 1)}, ${order(2, 2, 2)}, ${order(3, 3, null)}`,
    );
    await db.execute(
      sql`insert into order_items ${ITEM_COLUMNS} values ${item(1, 1)}, ${item(2, 1)}, ${item(3, 2)}`,
    );
    await db.execute(sql`insert into ledger_entries ${LEDGER_COLUMNS} values ${entry(1, 1, 2, 2)}`);
  });

  describe("a child row must point at an existing parent", () => {
    it("orders.customer_id: a multi-row insert with one orphan inserts nothing", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(
        await failure(
          db.execute(
            sql`insert into orders ${ORDER_COLUMNS} values ${order(10, 1, 1)}, ${order(11, 42, 1)}, ${order(12, 3, null)}`,
          ),
        ),
      ).toEqual(
        orphan("orders", "orders_customer_id_customers_id_fk", "customer_id", 42, "customers"),
      );
      expect(await everything(db)).toEqual(before);
    });

    it("orders.customer_id: moving orders to a missing customer changes nothing", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(
        await failure(db.execute(sql`update orders set customer_id = customer_id + 2`)),
      ).toEqual(
        orphan("orders", "orders_customer_id_customers_id_fk", "customer_id", 4, "customers"),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(sql`update orders set customer_id = 3 where id = 1`);
      expect((await everything(db)).orders[0]).toEqual({ id: 1, customer_id: 3, store_id: 1 });
    });

    it("orders.store_id: an orphan store is refused, no store passes", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(
        await failure(
          db.execute(
            sql`insert into orders ${ORDER_COLUMNS} values ${order(10, 1, 1)}, ${order(11, 1, 9)}`,
          ),
        ),
      ).toEqual(orphan("orders", "orders_store_id_stores_id_fk", "store_id", 9, "stores"));
      expect(await failure(db.execute(sql`update orders set store_id = 7 where id = 3`))).toEqual(
        orphan("orders", "orders_store_id_stores_id_fk", "store_id", 7, "stores"),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(
        sql`insert into orders ${ORDER_COLUMNS} values ${order(10, 1, null)}, ${order(11, 2, 2)}`,
      );
      await db.execute(sql`update orders set store_id = null where id = 1`);
      expect((await everything(db)).orders).toEqual([
        { id: 1, customer_id: 1, store_id: null },
        { id: 2, customer_id: 2, store_id: 2 },
        { id: 3, customer_id: 3, store_id: null },
        { id: 10, customer_id: 1, store_id: null },
        { id: 11, customer_id: 2, store_id: 2 },
      ]);
    });

    it("order_items.order_id: one orphan line refuses the whole insert, and moving lines away", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(
        await failure(
          db.execute(
            sql`insert into order_items ${ITEM_COLUMNS} values ${item(10, 3)}, ${item(11, 77)}`,
          ),
        ),
      ).toEqual(
        orphan("order_items", "order_items_order_id_orders_id_fk", "order_id", 77, "orders"),
      );
      expect(
        await failure(db.execute(sql`update order_items set order_id = 5 where id = 3`)),
      ).toEqual(
        orphan("order_items", "order_items_order_id_orders_id_fk", "order_id", 5, "orders"),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(sql`update order_items set order_id = 3 where id = 3`);
      expect((await everything(db)).items).toContainEqual({ id: 3, order_id: 3 });
    });

    it("ledger_entries: program, customer and order must exist; no order passes", async () => {
      const db = handle.db;
      const before = await everything(db);
      const insert = (...rows: SQL[]) =>
        failure(
          db.execute(
            sql`insert into ledger_entries ${LEDGER_COLUMNS} values ${sql.join(rows, sql`, `)}`,
          ),
        );
      expect(await insert(entry(10, 1, 1, 1), entry(11, 5, 1, null))).toEqual(
        orphan(
          "ledger_entries",
          "ledger_entries_program_id_programs_id_fk",
          "program_id",
          5,
          "programs",
        ),
      );
      expect(await insert(entry(10, 1, 1, 1), entry(11, 1, 8, null))).toEqual(
        orphan(
          "ledger_entries",
          "ledger_entries_customer_id_customers_id_fk",
          "customer_id",
          8,
          "customers",
        ),
      );
      expect(await insert(entry(10, 1, 1, 1), entry(11, 1, 1, 6))).toEqual(
        orphan("ledger_entries", "ledger_entries_order_id_orders_id_fk", "order_id", 6, "orders"),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(
        sql`insert into ledger_entries ${LEDGER_COLUMNS} values ${entry(10, 2, 3, null)}, ${entry(11, 1, 1, 1)}`,
      );
      expect((await everything(db)).ledger).toHaveLength(3);
    });

    it("an upsert moving an order to a missing customer (an import re-applying it) is refused", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(
        await failure(
          db.execute(sql`insert into orders ${ORDER_COLUMNS} values ${order(10, 1, 1)}, ${order(1, 55, 1)}
            on conflict (id) do update set customer_id = excluded.customer_id`),
        ),
      ).toEqual(
        orphan("orders", "orders_customer_id_customers_id_fk", "customer_id", 55, "customers"),
      );
      expect(await everything(db)).toEqual(before);
    });

    // On PostgreSQL through postgres.js' COPY stream (the import's path): 3.4.9 never settled a
    // COPY refused after its last row; patches/postgres@3.4.9.patch makes it fail with the error.
    it("COPY (as an import writes the ledger) with one orphan row copies nothing", async () => {
      const db = handle.db;
      const before = await everything(db);
      const text = [
        "10\t1\t1\t1\tearn\tpoints\t5\t2026-01-10T10:00:00Z\n",
        "11\t1\t9\t\\N\tearn\tpoints\t5\t2026-01-10T10:00:00Z\n",
      ].join("");
      const statement =
        "copy ledger_entries (id, program_id, customer_id, order_id, kind, unit, amount, effective_at) from";
      let copy: Promise<unknown>;
      if (driver.name === "postgres") {
        const client = (
          db as unknown as {
            $client: { unsafe: (q: string) => { writable: () => Promise<NodeJS.WritableStream> } };
          }
        ).$client;
        copy = client
          .unsafe(`${statement} stdin`)
          .writable()
          .then(
            (stream) =>
              new Promise<void>((resolve, reject) => {
                stream.once("error", reject);
                stream.once("finish", resolve);
                stream.end(text);
              }),
          );
      } else {
        const client = (db as unknown as { $client: PGlite }).$client;
        copy = client.query(`${statement} '/dev/blob'`, [], { blob: new Blob([text]) });
      }
      expect(await failure(copy)).toEqual(
        orphan(
          "ledger_entries",
          "ledger_entries_customer_id_customers_id_fk",
          "customer_id",
          9,
          "customers",
        ),
      );
      expect(await everything(db)).toEqual(before);
    });

    it("a parent and its children written by one statement pass", async () => {
      const db = handle.db;
      await db.execute(sql`with c as (
          insert into customers (id, external_id, name, signed_up_at) values (20, 'C20', 'New', now()) returning id),
        o as (
          insert into orders ${ORDER_COLUMNS}
          select 20, 'O20', id, null, now(), 100, 100, 'EUR', 'online' from c returning id)
        insert into order_items ${ITEM_COLUMNS} select 20, id, 'SKU', 'Item', 'wine', 1, 100 from o`);
      expect(await ids(db, "order_items")).toEqual([1, 2, 3, 20]);
    });
  });

  describe("deleting or renumbering a parent", () => {
    it("a customer's deletion deletes their orders and those orders' lines", async () => {
      const db = handle.db;
      await db.execute(sql`delete from customers where id in (1, 3)`);
      const after = await everything(db);
      expect(after.customers).toEqual([{ id: 2 }]);
      expect(after.orders).toEqual([{ id: 2, customer_id: 2, store_id: 2 }]);
      expect(after.items).toEqual([{ id: 3, order_id: 2 }]);
      expect(after.ledger).toHaveLength(1);
    });

    it("a customer with ledger entries cannot be deleted, and nothing is", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(await failure(db.execute(sql`delete from customers where id in (1, 2)`))).toEqual(
        referenced(
          serverVersion,
          "customers",
          "ledger_entries_customer_id_customers_id_fk",
          "ledger_entries",
          2,
          "restrict",
        ),
      );
      expect(await everything(db)).toEqual(before);
    });

    it("a store's deletion leaves its orders without a store", async () => {
      const db = handle.db;
      await db.execute(sql`delete from stores where id = 1`);
      const after = await everything(db);
      expect(after.stores).toEqual([{ id: 2 }]);
      expect(after.orders).toEqual([
        { id: 1, customer_id: 1, store_id: null },
        { id: 2, customer_id: 2, store_id: 2 },
        { id: 3, customer_id: 3, store_id: null },
      ]);
      expect(after.items).toHaveLength(3);
    });

    it("an order's deletion deletes its lines; an order with ledger entries stays", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(await failure(db.execute(sql`delete from orders`))).toEqual(
        referenced(
          serverVersion,
          "orders",
          "ledger_entries_order_id_orders_id_fk",
          "ledger_entries",
          2,
          "restrict",
        ),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(sql`delete from orders where id <> 2`);
      const after = await everything(db);
      expect(after.orders).toEqual([{ id: 2, customer_id: 2, store_id: 2 }]);
      expect(after.items).toEqual([{ id: 3, order_id: 2 }]);
    });

    it("a program with ledger entries cannot be deleted; one without can", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(await failure(db.execute(sql`delete from programs`))).toEqual(
        referenced(
          serverVersion,
          "programs",
          "ledger_entries_program_id_programs_id_fk",
          "ledger_entries",
          1,
          "restrict",
        ),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(sql`delete from programs where id = 2`);
      expect(await ids(db, "programs")).toEqual([1]);
    });

    it("a referenced parent key cannot change; an unreferenced one can", async () => {
      const db = handle.db;
      const before = await everything(db);
      expect(await failure(db.execute(sql`update customers set id = 11 where id = 1`))).toEqual(
        referenced(serverVersion, "customers", "orders_customer_id_customers_id_fk", "orders", 1),
      );
      expect(await failure(db.execute(sql`update stores set id = 12 where id = 2`))).toEqual(
        referenced(serverVersion, "stores", "orders_store_id_stores_id_fk", "orders", 2),
      );
      expect(await failure(db.execute(sql`update orders set id = 13 where id = 1`))).toEqual(
        referenced(serverVersion, "orders", "order_items_order_id_orders_id_fk", "order_items", 1),
      );
      expect(await failure(db.execute(sql`update programs set id = 14 where id = 1`))).toEqual(
        referenced(
          serverVersion,
          "programs",
          "ledger_entries_program_id_programs_id_fk",
          "ledger_entries",
          1,
        ),
      );
      expect(await everything(db)).toEqual(before);
      await db.execute(sql`update orders set id = 13 where id = 3`);
      await db.execute(sql`update programs set id = 14 where id = 2`);
      await db.execute(sql`delete from orders where id = 13`);
      await db.execute(sql`update customers set id = 15 where id = 3`);
      expect(await ids(db, "customers")).toEqual([1, 2, 15]);
      expect(await ids(db, "programs")).toEqual([1, 14]);
    });
  });

  describe("truncate … cascade", () => {
    it("truncating customers empties orders, order lines and the ledger, ids restarting", async () => {
      const db = handle.db;
      await db.execute(sql`truncate customers restart identity cascade`);
      const after = await everything(db);
      expect(after).toMatchObject({ customers: [], orders: [], items: [], ledger: [] });
      expect(after.stores).toHaveLength(2);
      expect(after.programs).toHaveLength(2);
      const [c] = await queryRows<{ id: number }>(
        db,
        sql`insert into customers (external_id, name, signed_up_at) values ('N', 'New', now()) returning id`,
      );
      const [o] = await queryRows<{ id: number }>(
        db,
        sql`insert into orders (external_id, customer_id, placed_at, subtotal, total, currency, channel)
            values ('N', ${c!.id}::int, now(), 1, 1, 'EUR', 'online') returning id`,
      );
      expect([c!.id, o!.id]).toEqual([1, 1]);
    });

    it("without restart identity the orders' ids go on", async () => {
      const db = handle.db;
      const newOrder = async () => {
        const [c] = await queryRows<{ id: number }>(
          db,
          sql`insert into customers (external_id, name, signed_up_at) values ('N' || random(), 'New', now()) returning id`,
        );
        const [o] = await queryRows<{ id: number }>(
          db,
          sql`insert into orders (external_id, customer_id, placed_at, subtotal, total, currency, channel)
              values ('N' || random(), ${c!.id}::int, now(), 1, 1, 'EUR', 'online') returning id`,
        );
        return o!.id;
      };
      // The fixture's rows carry explicit ids: move the serials past them.
      await db.execute(sql`select setval('customers_id_seq', 100), setval('orders_id_seq', 100)`);
      const first = await newOrder();
      await db.execute(sql`truncate customers cascade`);
      expect(await ids(db, "orders")).toEqual([]);
      expect(await newOrder()).toBeGreaterThan(first);
    });

    it("stores, programs and orders empty what referenced them", async () => {
      const db = handle.db;
      await db.execute(sql`truncate orders cascade`);
      let after = await everything(db);
      expect(after).toMatchObject({ orders: [], items: [], ledger: [] });
      expect(after.customers).toHaveLength(3);
      await db.execute(sql`insert into orders ${ORDER_COLUMNS} values ${order(1, 1, 1)}`);
      await db.execute(
        sql`insert into ledger_entries ${LEDGER_COLUMNS} values ${entry(1, 1, 1, 1)}`,
      );
      await db.execute(sql`truncate programs cascade`);
      after = await everything(db);
      expect(after).toMatchObject({ programs: [], ledger: [], orders: [{ id: 1 }] });
      await db.execute(sql`truncate stores cascade`);
      after = await everything(db);
      expect(after).toMatchObject({ stores: [], customers: [], orders: [] });
    });

    it("one truncate naming every table (a reset) still works", async () => {
      const db = handle.db;
      await db.execute(
        sql`truncate stores, customers, orders, order_items, programs, ledger_entries, customer_order_times, customer_categories restart identity cascade`,
      );
      expect(await everything(db)).toEqual({
        stores: [],
        customers: [],
        programs: [],
        orders: [],
        items: [],
        ledger: [],
      });
    });
  });

  describe.runIf(driver.name === "postgres")("against a concurrent delete of the customer", () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

    it("an open order insert makes the delete wait, which then deletes the order too", async () => {
      const db = handle.db;
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const didInsert = new Promise<void>((resolve) => (inserted = resolve));
      const writer = db.transaction(async (tx) => {
        await tx.execute(sql`insert into orders ${ORDER_COLUMNS} values ${order(30, 3, null)}`);
        inserted();
        await held;
      });
      await didInsert;
      let deleted = false;
      const deleter = db.execute(sql`delete from customers where id = 3`).then(() => {
        deleted = true;
      });
      await settle();
      expect(deleted).toBe(false);
      commit();
      await Promise.all([writer, deleter]);
      const after = await everything(db);
      expect(after.customers).toEqual([{ id: 1 }, { id: 2 }]);
      expect(after.orders.map((o) => o.id)).toEqual([1, 2]);
    });

    it("an open delete makes the order insert wait, which then fails", async () => {
      const db = handle.db;
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let removed!: () => void;
      const didDelete = new Promise<void>((resolve) => (removed = resolve));
      const deleter = db.transaction(async (tx) => {
        await tx.execute(sql`delete from customers where id = 3`);
        removed();
        await held;
      });
      await didDelete;
      let settled = false;
      const writer = failure(
        db.execute(sql`insert into orders ${ORDER_COLUMNS} values ${order(30, 3, null)}`),
      ).finally(() => {
        settled = true;
      });
      await settle();
      expect(settled).toBe(false);
      commit();
      await deleter;
      expect(await writer).toEqual(
        orphan("orders", "orders_customer_id_customers_id_fk", "customer_id", 3, "customers"),
      );
      expect(await ids(db, "orders")).toEqual([1, 2]);
    });
  });
});
