"use client";

import { formatMoney, formatMonth } from "@boomerang/ui";
import { StackedBarChart } from "@boomerang/ui/charts/stacked-bar-chart";
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
  );
}
