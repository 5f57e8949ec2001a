import type { CsvCell } from "../charts/csv";
import { storeKpiDefinitions, type KpiFigures } from "./store-kpis";

type StoresTable = {
  rows: {
    store: { code: string; name: string; city: string };
    current: KpiFigures;
    previous: KpiFigures;
    sparkline: { month: string; revenue: number }[];
    rank: number | null;
  }[];
  chainAverage: KpiFigures | null;
};

/** A KPI's column: snake_case like the rest of the file, money marked as minor units. */
const column = (key: string, kind: string) => {
  const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return kind === "money" ? `${name}_minor` : name;
};

/**
 * The Store KPIs table as CSV: a line per store with each KPI for the period and the previous one,
 * then its revenue per month over the twelve months the sparklines draw; the chain average last
 * (when the viewer may see it). Money in minor units, rates as fractions, as the API gives them.
 */
export function storesCsv(table: StoresTable): { header: string[]; rows: CsvCell[][] } {
  const months = table.rows[0]?.sparkline.map((p) => p.month) ?? [];
  const header = [
    "rank",
    "store_code",
    "store",
    "city",
    ...storeKpiDefinitions.flatMap((d) => [
      column(d.key, d.kind),
      `${column(d.key, d.kind)}_previous`,
    ]),
    ...months.map((m) => `revenue_minor_${m.slice(0, 7)}`),
  ];
  const rows: CsvCell[][] = table.rows.map((row) => [
    row.rank,
    row.store.code,
    row.store.name,
    row.store.city,
    ...storeKpiDefinitions.flatMap((d) => [row.current[d.key], row.previous[d.key]]),
    ...months.map((m) => row.sparkline.find((p) => p.month === m)?.revenue ?? 0),
  ]);
  const average = table.chainAverage;
  if (average !== null)
    rows.push([
      null,
      null,
      "Chain average",
      null,
      ...storeKpiDefinitions.flatMap((d) => [average[d.key], null]),
      ...months.map(() => null),
    ]);
  return { header, rows };
}
