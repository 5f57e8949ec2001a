import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import { intArray } from "../segments/compile-context";
import {
  customerWhere,
  resolveCustomerSearch,
  type CustomerFilters,
  type CustomerScope,
} from "./customer-filters";

export const customerSorts = [
  "name",
  "signedUp",
  "orders",
  "revenue",
  "lastOrder",
  "predictedValue",
] as const;
export type CustomerSort = (typeof customerSorts)[number];

/** Totals above this are shown as "more than": counting every match of a 1M base per keystroke is not worth it. */
export const CUSTOMER_COUNT_CAP = 10_000;

export type CustomerListRow = {
  id: number;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  homeStoreId: number | null;
  homeStoreName: string | null;
  signedUpAt: Date;
  orders: number;
  /** Minor units. */
  revenue: number;
  lastOrderAt: Date | null;
  rfmGroup: string | null;
  /** Expected revenue over the next 12 months, minor units; null until predictions are fitted. */
  predictedValue: number | null;
  probabilityActive: number | null;
  /** Programs they take part in as members (control-group hold-outs are not counted). */
  memberships: number;
};

export type CustomerPage = {
  rows: CustomerListRow[];
  /** Matches, counted up to CUSTOMER_COUNT_CAP + 1; `totalCapped` says the real number is larger. */
  total: number;
  totalCapped: boolean;
};

/** The sort expression, and whether it can be null (never-bought customers then sort last). */
const sortSql: Record<CustomerSort, { key: SQL; nullable: boolean }> = {
  name: { key: sql`c.name`, nullable: false },
  signedUp: { key: sql`c.signed_up_at`, nullable: false },
  orders: { key: sql`coalesce(f.orders_count, 0)`, nullable: false },
  revenue: { key: sql`coalesce(f.revenue, 0)`, nullable: false },
  lastOrder: { key: sql`f.last_order_at`, nullable: true },
  predictedValue: { key: sql`f.expected_revenue_12m`, nullable: true },
};

/**
 * Sorts on a customer_features column whose leading rows can be read from that column's index:
 * `prefix` selects the rows that come before every other one in that direction (a known figure for
 * the nullable columns, whose unknowns sort last; more than nothing spent or ordered, highest
 * first, since customers without a features row count as 0). Ascending spend and orders start with
 * the never-bought, so they have no such prefix.
 */
const featureSorts: Partial<
  Record<CustomerSort, { column: SQL; prefix: (dir: "asc" | "desc") => SQL | null }>
> = {
  revenue: { column: sql`f.revenue`, prefix: (d) => (d === "desc" ? sql`f.revenue > 0` : null) },
  orders: {
    column: sql`f.orders_count`,
    prefix: (d) => (d === "desc" ? sql`f.orders_count > 0` : null),
  },
  lastOrder: { column: sql`f.last_order_at`, prefix: () => sql`f.last_order_at is not null` },
  predictedValue: {
    column: sql`f.expected_revenue_12m`,
    prefix: () => sql`f.expected_revenue_12m is not null`,
  },
};

/**
 * The page's ids from the sort column's index (customer_features ⋈ customers, walked in order and
 * stopped after the page) when the whole page lies in the sort's prefix — the same rows in the
 * same order as the general query, without sorting every match. Null when the prefix runs out
 * before the page ends: the caller then runs the general query.
 */
async function featuresPage(
  db: Database,
  input: { sort: CustomerSort; direction: "asc" | "desc"; offset: number; limit: number },
  where: SQL,
): Promise<{ id: number; sort_key: unknown }[] | null> {
  const sort = featureSorts[input.sort];
  const prefix = sort?.prefix(input.direction);
  if (!sort || !prefix) return null;
  const dir = input.direction === "asc" ? sql`asc` : sql`desc`;
  const rows = await queryRows<{ id: number; sort_key: unknown }>(
    db,
    sql`select f.customer_id as id, ${sort.column} as sort_key
        from customer_features f join customers c on c.id = f.customer_id
        where ${prefix} and ${where}
        order by ${sort.column} ${dir}, f.customer_id ${dir}
        limit ${input.limit} offset ${input.offset}`,
  );
  return rows.length === input.limit ? rows : null;
}

/**
 * One page of customers matching the filters, sorted (ties broken by id so pages never overlap),
 * with a capped count of the matches. The per-row figures come from customer_features, kept up to
 * date on ingest, so no order is read here.
 */
export async function listCustomers(
  db: Database,
  input: {
    filters: CustomerFilters;
    sort: CustomerSort;
    direction: "asc" | "desc";
    offset: number;
    limit: number;
  },
  scope: CustomerScope,
): Promise<CustomerPage> {
  const where = customerWhere(await resolveCustomerSearch(db, input.filters), scope);
  const sort = sortSql[input.sort];
  const dir = input.direction === "asc" ? sql`asc` : sql`desc`;
  // "nulls last" only where nulls can occur: on a NOT NULL column it would stop PostgreSQL from
  // reading customers_signed_up_idx backwards for the default sort (newest sign-ups first).
  const order = (key: SQL, id: SQL) =>
    sort.nullable ? sql`${key} ${dir} nulls last, ${id} ${dir}` : sql`${key} ${dir}, ${id} ${dir}`;
  // The page's ids are chosen first over the narrowest join (PostgreSQL drops the features join
  // when neither filter nor sort needs it), then only those rows are joined for display.
  const slowPage = sql`select c.id, ${sort.key} as sort_key
          from customers c left join customer_features f on f.customer_id = c.id
          where ${where}
          order by ${order(sort.key, sql`c.id`)}
          limit ${input.limit} offset ${input.offset}`;
  // Page and count run side by side (separate connections on PostgreSQL).
  const [pageIds, [counted]] = await Promise.all([
    featuresPage(db, input, where).then(
      (fast) => fast ?? queryRows<{ id: number; sort_key: unknown }>(db, slowPage),
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (
          select 1 from customers c left join customer_features f on f.customer_id = c.id
          where ${where} limit ${CUSTOMER_COUNT_CAP + 1}
        ) matches`,
    ),
  ]);
  const ids = pageIds.map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await queryRows<
          Omit<CustomerListRow, "signedUpAt" | "lastOrderAt"> & {
            signedUpAt: string | Date;
            lastOrderAt: string | Date | null;
          }
        >(
          db,
          sql`with page as (
          select id, ord from unnest(${intArray(ids)}) with ordinality as p(id, ord)
        )
        select c.id::int as id, c.external_id as "externalId", c.name, c.email, c.phone,
               c.home_store_id as "homeStoreId", s.name as "homeStoreName", c.signed_up_at as "signedUpAt",
               coalesce(f.orders_count, 0)::int as orders, coalesce(f.revenue, 0)::float8 as revenue,
               f.last_order_at as "lastOrderAt", f.rfm_group as "rfmGroup",
               f.expected_revenue_12m::float8 as "predictedValue", f.probability_active::float8 as "probabilityActive",
               (select count(*) from enrollments e where e.customer_id = c.id and not e.is_control)::int as memberships
        from page p
        join customers c on c.id = p.id
        left join customer_features f on f.customer_id = c.id
        left join stores s on s.id = c.home_store_id
        order by p.ord`,
        );
  const n = counted?.n ?? 0;
  return {
    rows: rows.map((r) => ({
      ...r,
      signedUpAt: new Date(r.signedUpAt),
      lastOrderAt: r.lastOrderAt === null ? null : new Date(r.lastOrderAt),
    })),
    total: Math.min(n, CUSTOMER_COUNT_CAP),
    totalCapped: n > CUSTOMER_COUNT_CAP,
  };
}

export type CustomerExportRow = {
  id: number;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  home_store: string | null;
  signed_up_at: string;
  preferred_channel: string | null;
  consent_email: boolean;
  consent_sms: boolean;
  consent_messenger: boolean;
  consent_push: boolean;
  orders_count: number;
  revenue: number;
  last_order_at: string | null;
  rfm_group: string | null;
  expected_revenue_12m: number | null;
};

/** The next rows of a filtered export after `afterId`, by id, for a streamed CSV of any size. */
export function customerExportPage(
  db: Database,
  filters: CustomerFilters,
  scope: CustomerScope,
  afterId: number,
  limit: number,
): Promise<CustomerExportRow[]> {
  return queryRows<CustomerExportRow>(
    db,
    sql`select c.id::int as id, c.external_id, c.name, c.email, c.phone, c.city, s.code as home_store,
               to_char(c.signed_up_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as signed_up_at,
               c.preferred_channel::text as preferred_channel,
               c.consent_email, c.consent_sms, c.consent_messenger, c.consent_push,
               coalesce(f.orders_count, 0)::int as orders_count, coalesce(f.revenue, 0)::float8 as revenue,
               to_char(f.last_order_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_order_at,
               f.rfm_group, round(f.expected_revenue_12m)::float8 as expected_revenue_12m
        from customers c left join stores s on s.id = c.home_store_id left join customer_features f on f.customer_id = c.id
        where c.id > ${afterId} and ${customerWhere(filters, scope)}
        order by c.id limit ${limit}`,
  );
}
