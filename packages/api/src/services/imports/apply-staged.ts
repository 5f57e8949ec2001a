import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import type { ImportKind } from "./import-kind";

export type ApplyCounts = { inserted: number; updated: number };

const countsOf = (rows: { inserted: number; updated: number }[]): ApplyCounts =>
  rows[0] ?? { inserted: 0, updated: 0 };

// Customer columns the file can set, with the staged expression that feeds each on insert.
const customerColumns: { field: string; column: string; insert: string }[] = [
  { field: "name", column: "name", insert: "r.name" },
  { field: "email", column: "email", insert: "r.email" },
  { field: "phone", column: "phone", insert: "r.phone" },
  { field: "birthDate", column: "birth_date", insert: "r.birth_date" },
  { field: "gender", column: "gender", insert: "coalesce(r.gender, 'unknown')::gender" },
  { field: "city", column: "city", insert: "r.city" },
  { field: "region", column: "region", insert: "r.region" },
  { field: "signedUpAt", column: "signed_up_at", insert: "coalesce(r.signed_up_at, $now)" },
  { field: "homeStoreCode", column: "home_store_id", insert: "s.id" },
  { field: "consentEmail", column: "consent_email", insert: "coalesce(r.consent_email, false)" },
  { field: "consentSms", column: "consent_sms", insert: "coalesce(r.consent_sms, false)" },
  {
    field: "consentMessenger",
    column: "consent_messenger",
    insert: "coalesce(r.consent_messenger, false)",
  },
  { field: "consentPush", column: "consent_push", insert: "coalesce(r.consent_push, false)" },
];

/**
 * Upserts by externalId, updating only the columns the file mapped and only rows whose values
 * differ, so importing the same file again changes nothing and an edited file updates.
 */
async function applyCustomers(
  tx: Database,
  mapped: ReadonlySet<string>,
  now: Date,
): Promise<ApplyCounts> {
  const stamp = `'${now.toISOString()}'::timestamptz`;
  const columns = customerColumns.filter((c) => mapped.has(c.field) || c.field === "name");
  const insertCols = customerColumns.map((c) => c.column).join(", ");
  const insertVals = customerColumns.map((c) => c.insert.replace("$now", stamp)).join(", ");
  const set = columns.map((c) => `${c.column} = excluded.${c.column}`).join(", ");
  const changed = `(${columns.map((c) => `customers.${c.column}`).join(", ")}) is distinct from (${columns.map((c) => `excluded.${c.column}`).join(", ")})`;
  return countsOf(
    await queryRows(
      tx,
      sql.raw(`with up as (
        insert into customers (external_id, ${insertCols})
        select r.external_id, ${insertVals} from import_rows r left join stores s on s.code = r.home_store_code
        on conflict (external_id) do update set ${set}, updated_at = ${stamp} where ${changed}
        returning (xmax = 0) as inserted)
      select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`),
    ),
  );
}

/**
 * An order's item list as one comparable string: its lines sorted by every column the key holds (a
 * total order, so two equal lists always give the same string whatever order their lines came in).
 * `names` adds the item name and category: without them the key holds only what the programs earn on.
 */
const itemKey = (alias: "r." | "i.", names: boolean) => {
  const name = `${alias}${alias === "r." ? "item_name" : "name"}`;
  const cols = [
    `${alias}sku`,
    `${alias}quantity`,
    `${alias}unit_price`,
    ...(names ? [name, `${alias}category`] : []),
  ];
  return `string_agg(${cols.join(" || chr(31) || ")}, chr(30) order by ${cols.join(", ")})`;
};

/**
 * Orders (one row per item) grouped by order id, in a few set-based statements:
 * - import_orders: one row per order of the file with its database id — the existing order's, or a
 *   new one drawn from the sequence, so items of new orders need no join back to a RETURNING list;
 *   built from the checks' import_order_groups (every row of an order agrees on its order-level
 *   values, so min() picked them), with the lines the programs read.
 * - new orders and their items are plain inserts: no comparison with anything stored;
 * - existing orders are compared with the file (order facts and item lists); those that differ are
 *   rewritten and listed in import_edited_orders with their previous figures, so the programs can
 *   take back what the earlier version earned (only when a figure the programs use changed, not for
 *   item names or categories alone). Unchanged orders are left alone (re-import is a no-op).
 */
async function applyOrders(tx: Database, currency: string): Promise<ApplyCounts> {
  await tx.execute(
    sql`create temp table import_orders on commit drop as
        select coalesce(o.id, nextval('orders_id_seq'::regclass))::int as id, o.id as existing_id,
               g.order_id, c.id as customer_id, s.id as store_id, g.placed_at, g.subtotal, g.discount,
               coalesce(g.channel, case when g.store_code is null then 'online' else 'offline' end)::sales_channel as channel,
               g.lines
        from (select order_id, customer_ext, placed_at, store_code, channel, subtotal, lines,
                     coalesce(discount, 0)::bigint as discount
              from import_order_groups) g
        join customers c on c.external_id = g.customer_ext
        left join stores s on s.code = g.store_code
        left join orders o on o.external_id = g.order_id`,
  );
  // Statistics, so the joins below hash instead of looping over a table the planner thinks is tiny.
  await tx.execute(sql`analyze import_orders`);
  const [inserted] = await queryRows<{ n: number }>(
    tx,
    sql`with added as (
          insert into orders (id, external_id, customer_id, store_id, placed_at, subtotal, discount, total, currency, channel)
          select id, order_id, customer_id, store_id, placed_at, subtotal, discount, subtotal - discount, ${currency}, channel
          from import_orders where existing_id is null
          returning 1)
        select count(*)::int as n from added`,
  );
  await tx.execute(
    sql`insert into order_items (order_id, sku, name, category, quantity, unit_price)
        select g.id, r.sku, r.item_name, r.category, r.quantity, r.unit_price
        from import_rows r join import_orders g on g.order_id = r.order_id
        where g.existing_id is null`,
  );
  // Existing orders the file changes: their facts, or their list of items. `figures` is false when
  // only item names or categories changed (same skus, quantities, prices, time, customer, store and
  // channel): a data correction, the items are rewritten but the programs are not touched.
  await tx.execute(
    sql`create temp table import_edited_orders on commit drop as
        with existing as (select * from import_orders where existing_id is not null),
        staged_items as (
          select r.order_id, ${sql.raw(itemKey("r.", true))} as items, ${sql.raw(itemKey("r.", false))} as figures
          from import_rows r join existing g on g.order_id = r.order_id group by r.order_id),
        stored_items as (
          select i.order_id, ${sql.raw(itemKey("i.", true))} as items, ${sql.raw(itemKey("i.", false))} as figures
          from order_items i join existing g on g.id = i.order_id group by i.order_id),
        compared as (
          select g.id, o.customer_id as old_customer_id, o.placed_at as old_placed_at,
                 o.subtotal as old_subtotal, o.discount as old_discount, o.total as old_total,
                 o.store_id as old_store_id, o.channel as old_channel,
                 (o.customer_id, o.store_id, o.placed_at, o.subtotal, o.discount, o.channel)
                   is distinct from (g.customer_id, g.store_id, g.placed_at, g.subtotal, g.discount, g.channel)
                 or si.figures is distinct from st.figures as figures,
                 si.items is distinct from st.items as items
          from existing g
          join orders o on o.id = g.id
          left join staged_items si on si.order_id = g.order_id
          left join stored_items st on st.order_id = g.id)
        select id, old_customer_id, old_placed_at, old_subtotal, old_discount, old_total,
               old_store_id, old_channel, figures
        from compared where figures or items`,
  );
  const [updated] = await queryRows<{ n: number }>(
    tx,
    sql`with changed as (
          update orders o set customer_id = g.customer_id, store_id = g.store_id, placed_at = g.placed_at,
                 subtotal = g.subtotal, discount = g.discount, total = g.subtotal - g.discount, channel = g.channel
          from import_orders g join import_edited_orders e on e.id = g.id
          where o.id = g.id
          returning 1)
        select count(*)::int as n from changed`,
  );
  if ((updated?.n ?? 0) > 0) {
    await tx.execute(
      sql`delete from order_items where order_id in (select id from import_edited_orders)`,
    );
    await tx.execute(
      sql`insert into order_items (order_id, sku, name, category, quantity, unit_price)
          select g.id, r.sku, r.item_name, r.category, r.quantity, r.unit_price
          from import_rows r join import_orders g on g.order_id = r.order_id
          join import_edited_orders e on e.id = g.id
          order by r.line`,
    );
  }
  return { inserted: inserted?.n ?? 0, updated: updated?.n ?? 0 };
}

async function applyEvents(tx: Database): Promise<ApplyCounts> {
  // The events this import created, for running its referrals through the programs afterwards.
  await tx.execute(sql`create temp table import_new_events (id int primary key) on commit drop`);
  return countsOf(
    await queryRows(
      tx,
      sql`with up as (
        insert into customer_events (external_id, customer_id, type, occurred_at, store_id, channel, payload)
        select r.external_id, c.id, r.type::customer_event_type, r.occurred_at, s.id, r.channel::contact_channel,
               jsonb_strip_nulls(jsonb_build_object('friendId', r.friend_id, 'role', r.referral_role, 'firstOrderAmount', r.first_order_amount))
        from import_rows r join customers c on c.external_id = r.customer_id left join stores s on s.code = r.store_code
        on conflict (external_id) do update set customer_id = excluded.customer_id, type = excluded.type,
          occurred_at = excluded.occurred_at, store_id = excluded.store_id, channel = excluded.channel, payload = excluded.payload
        where (customer_events.customer_id, customer_events.type, customer_events.occurred_at, customer_events.store_id, customer_events.channel, customer_events.payload)
          is distinct from (excluded.customer_id, excluded.type, excluded.occurred_at, excluded.store_id, excluded.channel, excluded.payload)
        returning id, (xmax = 0) as inserted),
      created as (insert into import_new_events (id) select id from up where inserted)
      select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`,
    ),
  );
}

export async function applyStaged(
  tx: Database,
  kind: ImportKind,
  mapped: ReadonlySet<string>,
  ctx: { now: Date; currency: string },
): Promise<ApplyCounts> {
  if (kind === "customers") return applyCustomers(tx, mapped, ctx.now);
  if (kind === "orders") return applyOrders(tx, ctx.currency);
  return applyEvents(tx);
}

/**
 * Customers whose orders the import touched, for refreshing their features: the orders' customers,
 * and the earlier customer of an order the file moved to someone else.
 */
export async function stagedOrderCustomers(tx: Database): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select customer_id as id from import_orders
        union select old_customer_id from import_edited_orders
        order by 1`,
  );
  return rows.map((r) => r.id);
}

/** Customers a customers import created or updated, for enrolling them in running programs. */
export async function stagedCustomers(tx: Database): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select distinct c.id::int as id from import_rows r join customers c on c.external_id = r.external_id`,
  );
  return rows.map((r) => r.id);
}
