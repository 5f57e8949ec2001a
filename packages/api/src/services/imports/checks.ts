import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database, type ImportRowError } from "@boomerang/db";
import type { ImportKind } from "./import-kind";

/** A check of the staged rows; a null column means the query names it (`column`, in `ord` order). */
type Check = { column: string | null; query: SQL };

const unknownCustomer: Check = {
  column: "Customer id",
  query: sql`select r.line, 'no customer "' || r.customer_id || '"; import customers first' as message
             from import_rows r left join customers c on c.external_id = r.customer_id
             where c.id is null and r.customer_id is not null`,
};
/** An order's customer given by email that no customer, or more than one, has (orders only). */
const unresolvedEmail: Check = {
  column: "Customer email",
  query: sql`select r.line, case when m.customers > 1
               then '"' || r.customer_email || '" is the email of ' || m.customers || ' customers; give the customer id instead'
               else 'no customer has the email "' || r.customer_email || '"; import customers first' end as message
             from import_rows r join import_emails m on m.email = r.customer_email
             where r.customer_id is null`,
};

/**
 * Orders whose customer the file gives by email only (shop exports): each distinct email is looked
 * up once among the customers (case-insensitive), and the rows of an email exactly one customer has
 * get that customer's id. The rest stay without one; `unresolvedEmail` reports them.
 */
export async function resolveCustomerEmails(tx: Database, byEmail: boolean): Promise<void> {
  if (!byEmail) {
    // No email column: nothing to look up (the check still reads the table).
    await tx.execute(
      sql`create temp table import_emails (email text, external_id text, customers int) on commit drop`,
    );
    return;
  }
  await tx.execute(
    sql`create temp table import_emails on commit drop as
        select w.email, min(c.external_id) as external_id, count(c.id)::int as customers
        from (select distinct customer_email as email from import_rows
              where customer_id is null and customer_email is not null) w
        left join customers c on lower(c.email) = w.email
        group by w.email`,
  );
  await tx.execute(
    sql`update import_rows r set customer_id = m.external_id from import_emails m
        where r.customer_id is null and r.customer_email = m.email and m.customers = 1`,
  );
}
const unknownStore = (column: string, field: string): Check => ({
  column,
  query: sql`select r.line, 'no store with code "' || r.${sql.raw(field)} || '"' as message
             from import_rows r left join stores s on s.code = r.${sql.raw(field)}
             where r.${sql.raw(field)} is not null and s.id is null`,
});
const duplicateIds = (column: string, field: string): Check => ({
  column,
  query: sql`select line, '"' || ${sql.raw(field)} || '" appears again (first on line ' || first_line || ')' as message from (
               select line, ${sql.raw(field)}, min(line) over (partition by ${sql.raw(field)}) as first_line from import_rows
             ) d where line <> first_line`,
});
// All rows of one order carry the same order-level values; a row that disagrees is an error. The
// row-by-row query runs only when the grouping found an order whose rows disagree.
const orderLevelFields: [column: string, field: string][] = [
  ["Customer id", "customer_id"],
  ["Placed at", "placed_at"],
  ["Store", "store_code"],
  ["Channel", "channel"],
  ["Order discount", "discount"],
];
// An order-level cell left empty says nothing: shop exports fill the order's columns (discount,
// location) on its first row only. Each value given is compared with the first row that gives one;
// a row whose email found no customer (reported as such) has no customer to compare.
const orderLevel: Check = {
  column: null,
  query:
    sql.raw(`select d.line, v.col as "column", v.ord, 'differs from the first row of order "' || d.order_id || '"' as message from (
      select line, order_id, ${orderLevelFields
        .map(
          ([, f], i) =>
            `${f} is not null and ${f} is distinct from first_value(${f}) over (partition by order_id order by ${f} is null, line) as bad${i}`,
        )
        .join(", ")}
      from import_rows
    ) d cross join lateral (values ${orderLevelFields
      .map(([c], i) => `('${c}', d.bad${i}, ${i})`)
      .join(", ")}) as v(col, bad, ord)
    where v.bad`),
};

const discountTooLarge: Check = {
  column: "Order discount",
  query: sql`select min(line) as line, 'is larger than the order''s items (' || sum(quantity::bigint * unit_price) || ' cents)' as message
             from import_rows group by order_id having coalesce(max(discount), 0) > sum(quantity::bigint * unit_price)`,
};

const customersIds = duplicateIds("Customer id", "external_id");
const eventIds = duplicateIds("Event id", "external_id");
const homeStore = unknownStore("Home store", "home_store_code");
const orderStore = unknownStore("Store", "store_code");
/** The checks that judge each staged row on its own, true whichever other rows are staged. */
const rowChecks = new Set<Check>([unknownCustomer, unresolvedEmail, homeStore, orderStore]);

const checks: Record<ImportKind, Check[]> = {
  customers: [customersIds, homeStore],
  orders: [unknownCustomer, unresolvedEmail, orderStore, orderLevel, discountTooLarge],
  events: [eventIds, unknownCustomer, orderStore],
};

/**
 * The staged order rows grouped by order, once (import_order_groups): the order-level values, the
 * items' subtotal, the line list the programs read (`lines`, see `parseOrderLines`) and, per
 * order-level column, whether all of the order's rows agree. The upsert builds the orders from it,
 * and the checks below look at it first: the row-by-row queries (a sort of every staged row) run
 * only when some order has rows that disagree or a discount above its items.
 */
async function groupStagedOrders(tx: Database): Promise<{ disagree: boolean; discount: boolean }> {
  const agree = orderLevelFields.map(([, f]) => `(count(${f}) = 0 or min(${f}) = max(${f}))`);
  await tx.execute(
    sql.raw(`create temp table import_order_groups on commit drop as
      select order_id, min(line) as first_line, min(customer_id) as customer_ext, min(placed_at) as placed_at,
             min(store_code) as store_code, min(channel) as channel, min(discount) as discount,
             max(discount) as max_discount, sum(quantity::bigint * unit_price)::bigint as subtotal,
             ${agree.join(" and ")} as agree,
             string_agg(sku || chr(31) || category || chr(31) || quantity || chr(31) || unit_price, chr(30) order by line) as lines
      from import_rows group by order_id`),
  );
  const [row] = await queryRows<{ disagree: boolean; discount: boolean }>(
    tx,
    sql`select coalesce(bool_or(not agree), false) as disagree,
               coalesce(bool_or(coalesce(max_discount, 0) > subtotal), false) as discount
        from import_order_groups`,
  );
  return row ?? { disagree: false, discount: false };
}

/** The staged rows' problems that need the database to see, in line order, at most `limit`. */
export async function checkStaged(
  tx: Database,
  kind: ImportKind,
  limit: number,
  options: { rowsOnly?: boolean } = {},
): Promise<ImportRowError[]> {
  let list = checks[kind];
  if (options.rowsOnly) {
    // Each row on its own (unknown customers and stores): what still holds when some rows of the
    // file were bad and are not staged.
    list = list.filter((check) => rowChecks.has(check));
  } else if (kind === "orders") {
    const found = await groupStagedOrders(tx);
    list = list.filter(
      (check) =>
        (check !== orderLevel || found.disagree) && (check !== discountTooLarge || found.discount),
    );
  }
  const errors: ImportRowError[] = [];
  for (const check of list) {
    const column = check.column === null ? sql`"column"` : sql`${check.column}::text`;
    const order = check.column === null ? sql`line, ord` : sql`line`;
    const rows = await queryRows<{ line: number; column: string; message: string }>(
      tx,
      sql`select line::int as line, ${column} as "column", message from (${check.query}) x order by ${order} limit ${limit}`,
    );
    errors.push(...rows.map((r) => ({ line: r.line, column: r.column, message: r.message })));
  }
  return errors.sort((a, b) => a.line - b.line).slice(0, limit);
}
