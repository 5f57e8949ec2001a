"use client";

import { StackedBarChart } from "@boomerang/ui/charts/stacked-bar-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import { formatMoney, formatMonth } from "@boomerang/ui";
import type { BusinessFormat } from "./customers-table";

type Month = { month: string; orders: number; revenue: number };

/** Every month from the first order's to the last's, months without orders as zero so gaps show. */
export function fillMonths(months: readonly Month[]): Month[] {
  if (months.length === 0) return [];
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const [fy, fm] = months[0]!.month.split("-").map(Number) as [number, number];
  const last = months[months.length - 1]!.month;
  const out: Month[] = [];
  for (let i = 0; ; i += 1) {
    const d = new Date(Date.UTC(fy, fm - 1 + i, 1));
    const key = d.toISOString().slice(0, 10);
    if (key > last) break;
    out.push(byMonth.get(key) ?? { month: key, orders: 0, revenue: 0 });
  }
  return out;
}

/** What the customer spent each month, with the number of orders in the tooltip's title row. */
export function PurchaseTimelineChart({
  months,
  business,
}: {
  months: readonly Month[];
  business: BusinessFormat;
}) {
  const { currency, locale } = business;
  const data = fillMonths(months).map((m) => ({
    month: m.month,
    label: `${formatMonth(m.month, locale)} · ${m.orders} ${m.orders === 1 ? "order" : "orders"}`,
    revenue: m.revenue,
  }));
  const labels = new Map(data.map((d) => [d.month, d.label]));
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <CsvDownload
          filename="customer-purchases-by-month.csv"
          header={["month", "orders", "revenue_minor"]}
          rows={fillMonths(months).map((m) => [m.month, m.orders, m.revenue])}
        />
      </div>
      <StackedBarChart
        data={data}
        xKey="month"
        series={[{ key: "revenue", label: "Spent", color: "#0f766e" }]}
        formatX={(x) => labels.get(x)?.split(" · ")[0] ?? x}
        formatY={(y) => formatMoney(y, currency, locale, true)}
        height={240}
        ariaLabel="Purchases by month"
      />
    </div>
  );
}
