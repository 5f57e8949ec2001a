"use client";

import { formatMoney, formatMonth } from "@boomerang/ui";
import { StackedBarChart } from "@boomerang/ui/charts/stacked-bar-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import type { RouterOutputs } from "@boomerang/api";
import type { BusinessFormat } from "./overview-view";

type Monthly = RouterOutputs["overview"]["get"]["monthly"];

export function RevenueSplitChart({
  monthly,
  business,
}: {
  monthly: Monthly;
  business: BusinessFormat;
}) {
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <CsvDownload
          filename="revenue-new-returning.csv"
          header={[
            "month",
            "new_revenue_minor",
            "returning_revenue_minor",
            "new_customers",
            "returning_customers",
          ]}
          rows={monthly.map((m) => [
            m.month,
            m.newRevenue,
            m.returningRevenue,
            m.newCustomers,
            m.returningCustomers,
          ])}
        />
      </div>
      <StackedBarChart
        ariaLabel="Monthly revenue from new and returning customers"
        data={monthly}
        xKey="month"
        series={[
          { key: "returningRevenue", label: "Returning customers", color: "#0f766e" },
          { key: "newRevenue", label: "New customers", color: "#7dd3c0" },
        ]}
        formatX={(m) => formatMonth(m, business.locale)}
        formatY={(v) => formatMoney(v, business.currency, business.locale, true)}
      />
    </div>
  );
}
