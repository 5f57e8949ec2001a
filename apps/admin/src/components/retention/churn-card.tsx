"use client";

import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  formatDay,
  formatNumber,
  formatPercent,
} from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

export function ChurnCard({ data, business }: { data: Retention; business: BusinessFormat }) {
  const { churn, churnWindow } = data;
  const last = churn.at(-1);
  return (
    <Card>
      <CardHeader
        title="Active, at risk and churned"
        description={`Customers who had bought by each date, by days since their last purchase: at risk after ${churnWindow.atRiskAfterDays} days, churned after ${churnWindow.churnAfterDays}${
          churnWindow.fromMedian
            ? " (twice the median time between purchases; change it above)"
            : ""
        }.${last ? ` Churn rate on ${formatDay(last.date, business.locale)}: ${formatPercent(last.churnRate, business.locale)}.` : ""}${channelNote(data.channel, "orders")}`}
        actions={
          <CsvDownload
            filename="churn.csv"
            header={["date", "active", "at_risk", "churned", "churn_rate"]}
            rows={churn.map((p) => [p.date, p.active, p.atRisk, p.churned, p.churnRate])}
          />
        }
      />
      <CardBody>
        {churn.every((p) => p.active + p.atRisk + p.churned === 0) ? (
          <EmptyState title="No customers had bought by these dates" />
        ) : (
          <LineChart
            ariaLabel="Active, at-risk and churned customers over time"
            data={churn}
            xKey="date"
            series={[
              { key: "active", label: "Active", color: "#0f766e" },
              { key: "atRisk", label: "At risk", color: "#b45309" },
              { key: "churned", label: "Churned", color: "#be123c" },
            ]}
            formatX={(d) =>
              formatDay(String(d), business.locale, { month: "short", year: "2-digit" })
            }
            formatY={(v) => formatNumber(v, business.locale, true)}
          />
        )}
      </CardBody>
    </Card>
  );
}
