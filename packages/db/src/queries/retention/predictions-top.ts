import { desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../client";
import { auditLog } from "../../schema";
import { instant, queryRows } from "../rows";
import { intArray } from "./scope";

export type TopValueCustomer = {
  customerId: number;
  name: string;
  email: string | null;
  homeStoreId: number | null;
  lastOrderAt: Date;
  probabilityActive: number;
  expectedPurchases: number;
  expectedRevenue: number | null;
  /** The model's inputs as of `now`, to recompute intervals: weeks, and the mean repeat order (minor units). */
  x: number;
  tx: number;
  T: number;
  meanValue: number;
};

/** Customers by expected revenue over the next 12 months (then expected purchases), best first. */
export async function topCustomersByPredictedValue(
  db: Database,
  options: { storeId: number | null; limit: number; now: Date; timezone: string },
): Promise<TopValueCustomer[]> {
  const store =
    options.storeId === null ? sql`true` : sql`cf.home_store_id = ${options.storeId}::int`;
  const tz = options.timezone;
  // The page's ids first, from customer_features alone: those with an expected revenue in the
  // order of its index (read backwards), then, only if too few, those without one. Joining every
  // predicted customer to customers before sorting took about a second at 1M.
  const pick = async (where: SQL, order: SQL, limit: number) =>
    (
      await queryRows<{ id: number }>(
        db,
        sql`select cf.customer_id as id from customer_features cf
            where cf.predicted_at is not null and ${where} and ${store}
            order by ${order} limit ${limit}::int`,
      )
    ).map((r) => r.id);
  const ids = await pick(
    sql`cf.expected_revenue_12m is not null`,
    sql`cf.expected_revenue_12m desc, cf.expected_purchases_12m desc, cf.customer_id`,
    options.limit,
  );
  if (ids.length < options.limit)
    ids.push(
      ...(await pick(
        sql`cf.expected_revenue_12m is null`,
        sql`cf.expected_purchases_12m desc, cf.customer_id`,
        options.limit - ids.length,
      )),
    );
  if (ids.length === 0) return [];
  const rows = await queryRows<{
    customer_id: number;
    name: string;
    email: string | null;
    home_store_id: number | null;
    last_order_at: string | Date;
    probability_active: number;
    expected_purchases: number;
    expected_revenue: number | null;
    x: number;
    tx: number;
    t: number;
    mean_value: number;
  }>(
    db,
    sql`
      select cf.customer_id, c.name, c.email,
             cf.home_store_id, cf.last_order_at,
             cf.probability_active, cf.expected_purchases_12m as expected_purchases,
             cf.expected_revenue_12m as expected_revenue,
             (select count(distinct d) from unnest(cf.order_days) d)::int - 1 as x,
             cf.order_days[cardinality(cf.order_days)] / 7.0::float8 as tx,
             greatest(((${instant(options.now)} at time zone ${tz})::date
                        - (cf.first_order_at at time zone ${tz})::date) / 7.0,
                      cf.order_days[cardinality(cf.order_days)] / 7.0)::float8 as t,
             case when cf.orders_count > 1
                  then (cf.revenue - cf.first_order_revenue)::float8 / (cf.orders_count - 1)
                  else 0 end as mean_value
      from customer_features cf join customers c on c.id = cf.customer_id
      where cf.customer_id = any(${intArray(ids)})
      order by cf.expected_revenue_12m desc nulls last, cf.expected_purchases_12m desc, cf.customer_id
      limit ${options.limit}::int
    `,
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    name: r.name,
    email: r.email,
    homeStoreId: r.home_store_id,
    lastOrderAt: new Date(r.last_order_at),
    probabilityActive: Number(r.probability_active),
    expectedPurchases: Number(r.expected_purchases),
    expectedRevenue: r.expected_revenue === null ? null : Number(r.expected_revenue),
    x: Math.max(0, r.x),
    tx: Number(r.tx),
    T: Number(r.t),
    meanValue: Number(r.mean_value),
  }));
}

/** Sums of the stored 12-month predictions over one store's home customers (minor units for revenue). */
export async function storePredictionTotals(
  db: Database,
  storeId: number,
): Promise<{ customers: number; purchases: number; revenue: number | null }> {
  const [row] = await queryRows<{
    customers: number;
    purchases: number | null;
    revenue: number | null;
  }>(
    db,
    sql`select count(*)::int as customers, sum(expected_purchases_12m)::float8 as purchases,
               sum(expected_revenue_12m)::float8 as revenue
        from customer_features
        where predicted_at is not null and home_store_id = ${storeId}::int`,
  );
  return {
    customers: row?.customers ?? 0,
    purchases: Number(row?.purchases ?? 0),
    revenue: row?.revenue == null ? null : Number(row.revenue),
  };
}

/** The latest stored model fit (written by refreshPredictions to the audit log), or null. */
export async function latestPredictionFit(db: Database) {
  const [row] = await db
    .select({ at: auditLog.at, actorId: auditLog.actorId, changes: auditLog.changes })
    .from(auditLog)
    .where(eq(auditLog.action, "predictions.refitted"))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return row ?? null;
}
