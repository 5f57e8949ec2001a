import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export type CustomerOrder = {
  id: number;
  externalId: string;
  placedAt: Date;
  storeName: string | null;
  channel: string;
  /** Minor units. */
  subtotal: number;
  discount: number;
  total: number;
  items: { sku: string; name: string; category: string; quantity: number; unitPrice: number }[];
};

/** The customer's most recent orders with their items, newest first (one query; items as JSON). */
export async function customerOrders(
  db: Database,
  customerId: number,
  limit: number,
): Promise<CustomerOrder[]> {
  const rows = await queryRows<Omit<CustomerOrder, "placedAt"> & { placedAt: string | Date }>(
    db,
    sql`select o.id::int as id, o.external_id as "externalId", o.placed_at as "placedAt",
               s.name as "storeName", o.channel::text as channel, o.subtotal::float8 as subtotal,
               o.discount::float8 as discount, o.total::float8 as total,
               coalesce((select json_agg(json_build_object('sku', i.sku, 'name', i.name, 'category', i.category,
                                                          'quantity', i.quantity, 'unitPrice', i.unit_price) order by i.id)
                         from order_items i where i.order_id = o.id), '[]'::json) as items
        from orders o left join stores s on s.id = o.store_id
        where o.customer_id = ${customerId}::int
        order by o.placed_at desc, o.id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    ...r,
    placedAt: new Date(r.placedAt),
    items: (typeof r.items === "string" ? JSON.parse(r.items) : r.items) as CustomerOrder["items"],
  }));
}

export type CustomerMonth = { month: string; orders: number; revenue: number };

/** Orders and spend per calendar month (business time zone), oldest first, months without orders left out. */
export function customerMonthlyPurchases(
  db: Database,
  customerId: number,
  timezone: string,
): Promise<CustomerMonth[]> {
  return queryRows<CustomerMonth>(
    db,
    sql`select to_char(date_trunc('month', placed_at at time zone ${timezone}), 'YYYY-MM-DD') as month,
               count(*)::int as orders, sum(total)::float8 as revenue
        from orders where customer_id = ${customerId}::int
        group by 1 order by 1`,
  );
}

export type CustomerMembership = {
  programId: number;
  programName: string;
  programType: string;
  programStatus: string;
  isControl: boolean;
  enrolledAt: Date;
  tier: string | null;
  /** Usable now: every ledger entry in effect at `now` whose value is available (minor units for money). */
  balance: { points: number; money: number };
  /** Earned but not yet available (e.g. a return window). */
  pending: { points: number; money: number };
  earned: { points: number; money: number };
  redeemed: { points: number; money: number };
};

/** Every program the customer was enrolled in (as a member or held out as control), with ledger totals at `now`. */
export async function customerMemberships(
  db: Database,
  customerId: number,
  now: Date,
): Promise<CustomerMembership[]> {
  const at = instant(now);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id::int as "programId", p.name as "programName", p.type as "programType",
               p.status::text as "programStatus", e.is_control as "isControl", e.enrolled_at as "enrolledAt", e.tier,
               coalesce(l.balance_points, 0)::float8 as "balancePoints", coalesce(l.balance_money, 0)::float8 as "balanceMoney",
               coalesce(l.pending_points, 0)::float8 as "pendingPoints", coalesce(l.pending_money, 0)::float8 as "pendingMoney",
               coalesce(l.earned_points, 0)::float8 as "earnedPoints", coalesce(l.earned_money, 0)::float8 as "earnedMoney",
               coalesce(l.redeemed_points, 0)::float8 as "redeemedPoints", coalesce(l.redeemed_money, 0)::float8 as "redeemedMoney"
        from enrollments e
        join programs p on p.id = e.program_id
        left join lateral (
          select
            sum(amount) filter (where unit = 'points' and (available_at is null or available_at <= ${at})) as balance_points,
            sum(amount) filter (where unit = 'money' and (available_at is null or available_at <= ${at})) as balance_money,
            sum(amount) filter (where unit = 'points' and available_at > ${at}) as pending_points,
            sum(amount) filter (where unit = 'money' and available_at > ${at}) as pending_money,
            sum(amount) filter (where unit = 'points' and kind = 'earn') as earned_points,
            sum(amount) filter (where unit = 'money' and kind = 'earn') as earned_money,
            -sum(amount) filter (where unit = 'points' and kind = 'redeem') as redeemed_points,
            -sum(amount) filter (where unit = 'money' and kind = 'redeem') as redeemed_money
          from ledger_entries
          where customer_id = e.customer_id and program_id = e.program_id and effective_at <= ${at}
        ) l on true
        where e.customer_id = ${customerId}::int
        order by e.enrolled_at desc, p.id`,
  );
  return rows.map((r) => ({
    programId: r.programId as number,
    programName: r.programName as string,
    programType: r.programType as string,
    programStatus: r.programStatus as string,
    isControl: r.isControl as boolean,
    enrolledAt: new Date(r.enrolledAt as string),
    tier: r.tier as string | null,
    balance: { points: r.balancePoints as number, money: r.balanceMoney as number },
    pending: { points: r.pendingPoints as number, money: r.pendingMoney as number },
    earned: { points: r.earnedPoints as number, money: r.earnedMoney as number },
    redeemed: { points: r.redeemedPoints as number, money: r.redeemedMoney as number },
  }));
}

export type CustomerEventRow = {
  id: number;
  type: string;
  occurredAt: Date;
  storeName: string | null;
  channel: string | null;
  payload: Record<string, unknown>;
};

/** The latest events (messages, visits, reviews…), newest first, up to `now`. */
export async function customerRecentEvents(
  db: Database,
  customerId: number,
  now: Date,
  limit: number,
): Promise<CustomerEventRow[]> {
  const rows = await queryRows<
    Omit<CustomerEventRow, "occurredAt"> & { occurredAt: string | Date }
  >(
    db,
    sql`select e.id::int as id, e.type::text as type, e.occurred_at as "occurredAt", s.name as "storeName",
               e.channel::text as channel, e.payload
        from customer_events e left join stores s on s.id = e.store_id
        where e.customer_id = ${customerId}::int and e.occurred_at <= ${instant(now)}
        order by e.occurred_at desc, e.id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    ...r,
    occurredAt: new Date(r.occurredAt),
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<
      string,
      unknown
    >,
  }));
}
