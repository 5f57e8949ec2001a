import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { queryRows } from "../rows";

export type ProgramListFilter = {
  status: string | null;
  type: string | null;
  search: string | null;
  /** Members and reward cost of this store's home customers only; null: the whole business. */
  storeId: number | null;
};

export type ProgramListRow = {
  id: number;
  name: string;
  type: string;
  status: string;
  segmentId: number | null;
  segmentName: string | null;
  storeIds: number[];
  startsAt: Date | null;
  endsAt: Date | null;
  members: number;
  control: number;
  /** Money rewards granted net of claw-backs, minor units. */
  moneyIssued: number;
  pointsIssued: number;
  updatedAt: Date;
};

/** Every program with its members and reward cost so far, newest first; aggregates run in SQL. */
export async function listPrograms(
  db: Database,
  filter: ProgramListFilter,
): Promise<ProgramListRow[]> {
  const store = filter.storeId;
  const search =
    filter.search === null ? null : `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await queryRows<
    ProgramListRow & { startsAt: string | null; endsAt: string | null; updatedAt: string }
  >(
    db,
    sql`
      select p.id, p.name, p.type, p.status::text as status, p.segment_id as "segmentId", s.name as "segmentName",
        p.store_ids as "storeIds", p.starts_at as "startsAt", p.ends_at as "endsAt", p.updated_at as "updatedAt",
        coalesce(e.members, 0)::int as members, coalesce(e.control, 0)::int as control,
        coalesce(l.money, 0)::float8 as "moneyIssued", coalesce(l.points, 0)::float8 as "pointsIssued"
      from programs p
      left join segments s on s.id = p.segment_id
      left join lateral (
        select count(*) filter (where not en.is_control) as members, count(*) filter (where en.is_control) as control
        from enrollments en join customers c on c.id = en.customer_id
        where en.program_id = p.id and (${store}::int is null or c.home_store_id = ${store}::int)
      ) e on true
      left join lateral (
        select sum(le.amount) filter (where le.unit = 'money' and le.kind in ('earn', 'adjust')) as money,
               sum(le.amount) filter (where le.unit = 'points' and le.kind in ('earn', 'adjust')) as points
        from ledger_entries le join customers c on c.id = le.customer_id
        where le.program_id = p.id and (${store}::int is null or c.home_store_id = ${store}::int)
      ) l on true
      where (${filter.status}::text is null or p.status::text = ${filter.status}::text)
        and (${filter.type}::text is null or p.type = ${filter.type}::text)
        and (${search}::text is null or p.name ilike ${search}::text)
      order by p.updated_at desc, p.id desc`,
  );
  return rows.map((r) => ({
    ...r,
    startsAt: r.startsAt === null ? null : new Date(r.startsAt),
    endsAt: r.endsAt === null ? null : new Date(r.endsAt),
    updatedAt: new Date(r.updatedAt),
  }));
}
