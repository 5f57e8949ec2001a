import { sql } from "drizzle-orm";
import type { AgeBand, ContactChannel, SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import { segmentFrom, type SegmentScope } from "./compile-segment";

export type SegmentProfile = {
  members: number;
  base: number;
  ageBands: Record<AgeBand, number>;
  consent: Record<ContactChannel, number>;
};

/** Size, share of the base, members per age band and per channel consent, in one pass. */
export async function segmentProfile(
  db: Database,
  rules: SegmentNode,
  scope: SegmentScope,
): Promise<SegmentProfile> {
  const store = scope.storeId == null ? sql`true` : sql`home_store_id = ${scope.storeId}::int`;
  const age = sql`extract(year from age(${scope.now.toISOString().slice(0, 10)}::date, c.birth_date))`;
  const [row] = await queryRows<{
    members: number;
    base: number;
    a18: number;
    a30: number;
    a45: number;
    email: number;
    sms: number;
    messenger: number;
    push: number;
  }>(
    db,
    sql`select count(*)::int as members,
          (select count(*) from customers where ${store})::int as base,
          count(*) filter (where ${age} between 18 and 29)::int as a18,
          count(*) filter (where ${age} between 30 and 44)::int as a30,
          count(*) filter (where ${age} >= 45)::int as a45,
          count(*) filter (where c.consent_email)::int as email,
          count(*) filter (where c.consent_sms)::int as sms,
          count(*) filter (where c.consent_messenger)::int as messenger,
          count(*) filter (where c.consent_push)::int as push
        ${segmentFrom(rules, scope)}`,
  );
  const r = row!;
  return {
    members: r.members,
    base: r.base,
    ageBands: { "18-29": r.a18, "30-44": r.a30, "45+": r.a45 },
    consent: { email: r.email, sms: r.sms, messenger: r.messenger, push: r.push },
  };
}

export type SegmentSampleMember = {
  id: number;
  name: string;
  city: string | null;
  ordersCount: number;
  revenue: number;
  lastOrderAt: Date | null;
  rfmGroup: string | null;
};

/** A few members for the builder's sample list (lowest ids first, so the sample is stable). */
export async function segmentSample(
  db: Database,
  rules: SegmentNode,
  scope: SegmentScope,
  limit: number,
): Promise<SegmentSampleMember[]> {
  const rows = await queryRows<{
    id: number;
    name: string;
    city: string | null;
    orders: number;
    revenue: number;
    last: string | null;
    grp: string | null;
  }>(
    db,
    sql`select c.id, c.name, c.city, coalesce(cf.orders_count, 0)::int as orders, coalesce(cf.revenue, 0)::float8 as revenue,
               to_char(cf.last_order_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last, cf.rfm_group as grp
        ${segmentFrom(rules, scope)} order by c.id limit ${limit}::int`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    city: r.city,
    ordersCount: r.orders,
    revenue: r.revenue,
    lastOrderAt: r.last === null ? null : new Date(r.last),
    rfmGroup: r.grp,
  }));
}

/** Members of one rule tree missing from the other, counted both ways (for "what changes if I save"). */
export async function segmentMemberDiff(
  db: Database,
  before: SegmentNode,
  after: SegmentNode,
  scope: SegmentScope,
): Promise<{ added: number; removed: number; kept: number }> {
  const [row] = await queryRows<{ added: number; removed: number; kept: number }>(
    db,
    sql`with b as (select c.id ${segmentFrom(before, scope)}), a as (select c.id ${segmentFrom(after, scope)})
        select (select count(*) from a where id not in (select id from b))::int as added,
               (select count(*) from b where id not in (select id from a))::int as removed,
               (select count(*) from a where id in (select id from b))::int as kept`,
  );
  return row!;
}
