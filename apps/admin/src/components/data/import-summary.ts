import { formatNumber } from "@boomerang/ui";

/** What a succeeded import changed, in words, as the Data page says it. */
export function importedSummary(
  job: { rowsTotal: number; rowsInserted: number; rowsUpdated: number; itemsUncategorised: number },
  locale: string,
): string {
  const n = (value: number) => formatNumber(value, locale);
  const rows = `Imported ${n(job.rowsTotal)} ${job.rowsTotal === 1 ? "row" : "rows"}: ${n(job.rowsInserted)} new, ${n(job.rowsUpdated)} updated, the rest unchanged.`;
  const items = job.itemsUncategorised;
  if (items === 0) return rows;
  const one = items === 1;
  return `${rows} ${n(items)} ${one ? "item" : "items"} had no category in the file and none known for ${one ? "its SKU" : "their SKUs"}: filed as “uncategorised”. Import ${one ? "it" : "them"} again with a Category column to file ${one ? "it" : "them"}.`;
}
