import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import { createProgram } from "@boomerang/domain/programs";

/** The category of an item the file names none for, and the business never recorded one for. */
export const UNCATEGORISED = "uncategorised";

/**
 * Items the file gives no category (shop exports carry none), before the rows are grouped so every
 * later step sees one:
 * - the category stored for the same item of the same order (same SKU, name, quantity and price,
 *   the n-th such line of the file matched with the n-th stored one), so a re-import leaves stored
 *   items as they are;
 * - else the one another row of the file gives the SKU (its last);
 * - else the one recorded last for the SKU in any order, so a gift card stays a gift card;
 * - else "uncategorised" (a SKU only ever filed so counts as unknown).
 * Returns how many lines were filed as "uncategorised".
 */
export async function fillCategories(tx: Database): Promise<number> {
  const [filed] = await queryRows<{ uncategorised: number }>(
    tx,
    sql`with blank as (
          select * from (
            select line, order_id, sku, item_name, quantity, unit_price, category, row_number() over (
              partition by order_id, sku, item_name, quantity, unit_price order by line) as n
            from import_rows) numbered
          where category is null),
        wanted as (select distinct sku from blank),
        stored as (
          select o.external_id as order_id, i.sku, i.name, i.quantity, i.unit_price, i.category,
                 row_number() over (partition by i.order_id, i.sku, i.name, i.quantity, i.unit_price order by i.id) as n
          from orders o join order_items i on i.order_id = o.id
          where o.external_id in (select distinct order_id from blank)),
        in_file as (
          select distinct on (r.sku) r.sku, r.category from import_rows r join wanted w on w.sku = r.sku
          where r.category is not null order by r.sku, r.line desc),
        known as (
          select distinct on (i.sku) i.sku, i.category
          from order_items i join wanted w on w.sku = i.sku
          where i.category <> ${UNCATEGORISED}
          order by i.sku, i.order_id desc, i.id desc),
        filled as (
          select b.line, coalesce(s.category, f.category, k.category, ${UNCATEGORISED}) as category
          from blank b
          left join stored s on s.order_id = b.order_id and s.sku = b.sku and s.name = b.item_name
            and s.quantity = b.quantity and s.unit_price = b.unit_price and s.n = b.n
          left join in_file f on f.sku = b.sku
          left join known k on k.sku = b.sku),
        filed as (update import_rows r set category = f.category from filled f where r.line = f.line
                  returning r.category)
        select (count(*) filter (where category = ${UNCATEGORISED}))::int as uncategorised from filed`,
  );
  return filed?.uncategorised ?? 0;
}

/**
 * The running programs that leave categories out (gift cards, tobacco): what a file without
 * categories should warn of, since its new SKUs come in as "uncategorised" and count.
 */
export async function programsExcludingCategories(
  db: Database,
): Promise<{ name: string; excluded: string[] }[]> {
  const rows = await queryRows<{ name: string; type: string; config: Record<string, unknown> }>(
    db,
    sql`select p.name, p.type, v.config from programs p
        join program_versions v on v.program_id = p.id and v.version = p.current_version
        where p.status = 'active' order by p.name`,
  );
  return rows.flatMap((row) => {
    const program = createProgram(row.type, row.config);
    const excluded = program.ok ? program.value.common.excluded : null;
    return excluded === null || excluded.size === 0
      ? []
      : [{ name: row.name, excluded: [...excluded].sort() }];
  });
}
