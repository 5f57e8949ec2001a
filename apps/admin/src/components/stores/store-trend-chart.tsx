"use client";

import { EmptyState, formatMoney, formatMonth, formatNumber } from "@boomerang/ui";
import { StackedBarChart } from "@boomerang/ui/charts/stacked-bar-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./store-kpis";

type Trend = RouterOutputs["storeKpis"]["get"]["trend"];

/** Monthly revenue, and monthly orders beside active customers, over twelve months. */
export function StoreTrendChart({ trend, business }: { trend: Trend; business: BusinessFormat }) {
  if (trend.every((t) => t.orders === 0))
    return <EmptyState title="No orders at this store in these twelve months" />;
  const month = (m: string) => formatMonth(m, business.locale);
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <CsvDownload
          filename="store-monthly-trend.csv"
          header={["month", "revenue_minor", "orders", "active_customers"]}
          rows={trend.map((t) => [t.month, t.revenue, t.orders, t.activeCustomers])}
        />
      </div>
      <div className="grid gap-4 print:grid-cols-2">
        <StackedBarChart
          ariaLabel="Monthly revenue"
          data={trend}
          xKey="month"
          series={[{ key: "revenue", label: "Revenue", color: "#0f766e" }]}
          formatX={month}
          formatY={(v) => formatMoney(v, business.currency, business.locale, true)}
          height={200}
        />
        <StackedBarChart
          ariaLabel="Monthly active customers"
          data={trend}
          xKey="month"
          series={[{ key: "activeCustomers", label: "Active customers", color: "#7dd3c0" }]}
          formatX={month}
          formatY={(v) => formatNumber(v, business.locale, true)}
          height={200}
        />
      </div>
    </div>
  );
}
