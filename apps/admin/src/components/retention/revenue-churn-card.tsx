"use client";

import { Card, CardBody, CardHeader, EmptyState, formatMonth, formatPercent } from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

export function RevenueChurnCard({
  data,
  business,
}: {
  data: Retention;
  business: BusinessFormat;
}) {
  const months = data.revenueChurn.filter((m) => m.previousRevenue > 0);
  return (
    <Card>
      <CardHeader
        title="Revenue churn"
        description={`Each month against the one before, among the previous month's buyers: gross = revenue lost from customers who stopped or spent less; net also subtracts what others added. Below zero, existing customers grew revenue.${channelNote(data.channel, "orders")}`}
        actions={
          <CsvDownload
            filename="revenue-churn.csv"
            header={[
              "month",
              "previous_revenue_minor",
              "lost_minor",
              "contraction_minor",
              "expansion_minor",
              "gross_churn",
              "net_churn",
            ]}
            rows={data.revenueChurn.map((m) => [
              m.month,
              m.previousRevenue,
              m.lost,
              m.contraction,
              m.expansion,
              m.grossChurn,
              m.netChurn,
            ])}
          />
        }
      />
      <CardBody>
        {months.length === 0 ? (
          <EmptyState title="No month in this period follows a month with purchases" />
        ) : (
          <LineChart
            ariaLabel="Gross and net revenue churn by month"
            data={months}
            xKey="month"
            series={[
              { key: "grossChurn", label: "Gross revenue churn", color: "#be123c" },
              { key: "netChurn", label: "Net revenue churn", color: "#0369a1", dashed: true },
            ]}
            formatX={(m) => formatMonth(String(m), business.locale)}
            formatY={(v) => formatPercent(v, business.locale, 0)}
          />
        )}
      </CardBody>
    </Card>
  );
}
