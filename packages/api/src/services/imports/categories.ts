import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import { createProgram } from "@boomerang/domain/programs";

/** The category of an item the file names none for, and the business never recorded one for. */
export const UNCATEGORISED = "uncategorised";

/**
 * Items the file gives no category (shop exports carry none): the category the business recorded
 * for the same SKU in the same order, so a re-import leaves stored items as they are; else the one
 * it recorded last for the SKU in any order, so a gift card stays a gift card; else
 * "uncategorised". Runs before the rows are grouped, so every later step sees a category.
 */
export async function fillCategories(tx: Database): Promise<void> {
  await tx.execute(
    sql`with wanted as (select distinct sku from import_rows where category is null),
        known as (
          select distinct on (i.sku) i.sku, i.category
          from order_items i join wanted w on w.sku = i.sku
          order by i.sku, i.order_id desc, i.id desc)
        update import_rows r set category = coalesce(
          (select i.category from orders o join order_items i on i.order_id = o.id
           where o.external_id = r.order_id and i.sku = r.sku order by i.id limit 1),
          k.category, ${UNCATEGORISED})
        from wanted w left join known k on k.sku = w.sku
        where r.category is null and r.sku = w.sku`,
  );
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
