"use client";

import { LineChart } from "@boomerang/ui/charts/line-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import { formatMoney, formatMonth, formatNumber } from "@boomerang/ui";

type Month = { month: string; issued: number; redeemed: number; expired: number };

/** Issued, redeemed and expired per month, in the program's unit. */
export function LedgerChart({
  months,
  unit,
  currency,
  locale,
}: {
  months: Month[];
  unit: "points" | "money";
  currency: string;
  locale: string;
}) {
  const format = (v: number) =>
    unit === "money" ? formatMoney(v, currency, locale, true) : formatNumber(v, locale, true);
  const suffix = unit === "money" ? "_minor" : "_points";
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <CsvDownload
          filename="program-ledger-by-month.csv"
          header={["month", `issued${suffix}`, `redeemed${suffix}`, `expired${suffix}`]}
          rows={months.map((m) => [m.month, m.issued, m.redeemed, m.expired])}
        />
      </div>
      <LineChart
        data={months}
        xKey="month"
        series={[
          { key: "issued", label: "Issued", color: "#0f766e" },
          { key: "redeemed", label: "Redeemed", color: "#0369a1" },
          { key: "expired", label: "Expired", color: "#b45309", dashed: true },
        ]}
        formatX={(m) => formatMonth(`${String(m)}-01`, locale)}
        formatY={format}
        ariaLabel={`${unit === "money" ? "Rewards" : "Points"} issued, redeemed and expired per month`}
      />
    </div>
  );
}
