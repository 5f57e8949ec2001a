import { sql, type SQL } from "drizzle-orm";
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

const itemKey = (alias: string) =>
  `string_agg(${alias}sku || chr(31) || ${alias}${alias === "r." ? "item_name" : "name"} || chr(31) || ${alias}category || chr(31) || ${alias}quantity || chr(31) || ${alias}unit_price, chr(30) order by ${alias}sku, ${alias}quantity, ${alias}unit_price)`;

/** Orders (one row per item) grouped by order id; an order is rewritten only when it or its items changed. */
async function applyOrders(tx: Database, currency: string): Promise<ApplyCounts> {
  // The orders this import created, for running them through the programs afterwards.
  await tx.execute(sql`create temp table import_new_orders (id int primary key) on commit drop`);
  const query: SQL = sql`
    with g as (
      select order_id,
             (array_agg(customer_id order by line))[1] as customer_ext,
             (array_agg(placed_at order by line))[1] as placed_at,
             (array_agg(store_code order by line))[1] as store_code,
             (array_agg(channel order by line))[1] as channel,
             coalesce((array_agg(discount order by line))[1], 0) as discount,
             sum(quantity::bigint * unit_price)::bigint as subtotal,
             ${sql.raw(itemKey("r."))} as items
      from import_rows r group by order_id
    ),
    up as (
      insert into orders (external_id, customer_id, store_id, placed_at, subtotal, discount, total, currency, channel)
      select g.order_id, c.id, s.id, g.placed_at, g.subtotal, g.discount, g.subtotal - g.discount, ${currency},
             coalesce(g.channel, case when g.store_code is null then 'online' else 'offline' end)::sales_channel
      from g join customers c on c.external_id = g.customer_ext left join stores s on s.code = g.store_code
      on conflict (external_id) do update set
        customer_id = excluded.customer_id, store_id = excluded.store_id, placed_at = excluded.placed_at,
        subtotal = excluded.subtotal, discount = excluded.discount, total = excluded.total, channel = excluded.channel
      where (orders.customer_id, orders.store_id, orders.placed_at, orders.subtotal, orders.discount, orders.channel)
              is distinct from (excluded.customer_id, excluded.store_id, excluded.placed_at, excluded.subtotal, excluded.discount, excluded.channel)
         or (select ${sql.raw(itemKey("i."))} from order_items i where i.order_id = orders.id)
              is distinct from (select g2.items from g g2 where g2.order_id = excluded.external_id)
      returning id, external_id, (xmax = 0) as inserted
    ),
    created as (insert into import_new_orders (id) select id from up where inserted),
    dropped as (delete from order_items where order_id in (select id from up where not inserted)),
    added as (
      insert into order_items (order_id, sku, name, category, quantity, unit_price)
      select up.id, r.sku, r.item_name, r.category, r.quantity, r.unit_price from import_rows r join up on up.external_id = r.order_id
    )
    select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`;
  return countsOf(await queryRows(tx, query));
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

/** Customers whose orders the import touched, for refreshing their features. */
export async function stagedOrderCustomers(tx: Database): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select distinct c.id::int as id from import_rows r join customers c on c.external_id = r.customer_id`,
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
