import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { queryRows } from "../rows";

export type SegmentPickerOptions = {
  cities: string[];
  regions: string[];
  categories: string[];
  stores: { id: number; name: string; code: string }[];
  /** Every program with the tiers its members hold (for the program conditions). */
  programs: { id: number; name: string; type: string; status: string; tiers: string[] }[];
};

/** The values the builder's pickers offer: what the data actually holds. */
export async function segmentPickerOptions(db: Database): Promise<SegmentPickerOptions> {
  const [row] = await queryRows<{
    cities: string[] | null;
    regions: string[] | null;
    categories: string[] | null;
    stores: SegmentPickerOptions["stores"] | null;
    programs: SegmentPickerOptions["programs"] | null;
  }>(
    db,
    // Categories bought, one index probe each (a loose scan of customer_categories' category index)
    // rather than reading every order line.
    sql`with recursive categories (category) as (
      (select category from customer_categories order by category limit 1)
      union all
      select (select c.category from customer_categories c where c.category > categories.category
              order by c.category limit 1)
      from categories where categories.category is not null)
    select
      (select array_agg(city order by city) from (select distinct city from customers where city is not null) x) as cities,
      (select array_agg(region order by region) from (select distinct region from customers where region is not null) x) as regions,
      (select array_agg(category order by category) from categories where category is not null) as categories,
      (select json_agg(json_build_object('id', id, 'name', name, 'code', code) order by name) from stores) as stores,
      (select json_agg(json_build_object('id', p.id, 'name', p.name, 'type', p.type, 'status', p.status,
          'tiers', coalesce((select array_agg(t.tier order by t.tier) from (select distinct e.tier from enrollments e
            where e.program_id = p.id and e.tier is not null) t), '{}'::text[])) order by p.name) from programs p) as programs`,
  );
  return {
    cities: row?.cities ?? [],
    regions: row?.regions ?? [],
    categories: row?.categories ?? [],
    stores: row?.stores ?? [],
    programs: row?.programs ?? [],
  };
}
