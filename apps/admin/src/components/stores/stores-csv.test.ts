import { describe, expect, it } from "vitest";
import { storesCsv } from "./stores-csv";
import { storeKpiDefinitions, type KpiFigures } from "./store-kpis";

const figures = (base: number): KpiFigures =>
  Object.fromEntries(storeKpiDefinitions.map((d, i) => [d.key, base + i])) as KpiFigures;
const months = ["2025-05-01", "2025-06-01"];
const row = (code: string, rank: number, base: number, revenue: number[]) => ({
  store: { code, name: `Store ${code}`, city: "Milano" },
  current: figures(base),
  previous: figures(base / 2),
  sparkline: months.map((month, i) => ({ month, revenue: revenue[i]! })),
  rank,
});

describe("storesCsv", () => {
  it("writes a line per store with each KPI, its previous value and the sparkline's months", () => {
    const { header, rows } = storesCsv({
      rows: [row("MIL01", 1, 1000, [500, 700]), row("ROM01", 2, 10, [0, 30])],
      chainAverage: figures(505),
    });
    expect(header.slice(0, 6)).toEqual([
      "rank",
      "store_code",
      "store",
      "city",
      "revenue_minor",
      "revenue_minor_previous",
    ]);
    expect(header.slice(-2)).toEqual(["revenue_minor_2025-05", "revenue_minor_2025-06"]);
    expect(header).toHaveLength(4 + 2 * storeKpiDefinitions.length + 2);
    expect(header).toContain("active_customers_previous");
    expect(header).toContain("average_order_value_minor");
    for (const name of header) expect(name).toMatch(/^[a-z0-9_-]+$/);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.slice(0, 6)).toEqual([1, "MIL01", "Store MIL01", "Milano", 1000, 500]);
    expect(rows[1]!.slice(-2)).toEqual([0, 30]);
    for (const line of rows) expect(line).toHaveLength(header.length);
    expect(rows[2]!.slice(0, 6)).toEqual([null, null, "Chain average", null, 505, null]);
  });

  it("leaves the chain average out when the viewer may not see it", () => {
    const { rows } = storesCsv({ rows: [row("MIL01", 1, 1000, [1, 2])], chainAverage: null });
    expect(rows.map((r) => r[2])).toEqual(["Store MIL01"]);
  });
});
