"use client";

import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  formatMonth,
  formatNumber,
  formatPercent,
} from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

export function RepeatRateCard({ data, business }: { data: Retention; business: BusinessFormat }) {
  const { repeat, trend } = data;
  const rows = repeat.byCohort.filter((r) => r.eligible > 0);
  const trendByCohort = new Map(
    data.grain === "month" ? trend.points.map((p) => [p.cohort, p.rate]) : [],
  );
  const chart = rows.map((r) => ({
    cohort: r.cohort,
    rate: r.rate,
    next: trendByCohort.get(r.cohort) ?? null,
  }));
  return (
    <Card>
      <CardHeader
        title="Repeat purchases"
        description={`Share of customers who bought again within ${repeat.withinDays} days of their first purchase, by month of first purchase (customers acquired less than ${repeat.withinDays} days ago are left out). Overall ${formatPercent(repeat.overall.rate, business.locale)} of ${formatNumber(repeat.overall.eligible, business.locale)}; ${formatNumber(repeat.repeatPurchasesPerCustomer, business.locale)} repeat orders per customer so far.${channelNote(data.channel, "first-purchase")}`}
        actions={
          <CsvDownload
            filename="repeat-rate.csv"
            // The dashed series too, by month: what the chart draws, the file holds.
            header={[
              "cohort",
              "eligible",
              "repeaters",
              "rate",
              ...(data.grain === "month" ? [`bought_in_month_${trend.period}_rate`] : []),
            ]}
            rows={repeat.byCohort.map((r) => [
              r.cohort,
              r.eligible,
              r.repeaters,
              r.rate,
              ...(data.grain === "month" ? [trendByCohort.get(r.cohort) ?? null] : []),
            ])}
          />
        }
      />
      <CardBody>
        {rows.length === 0 ? (
          <EmptyState
            title={`No customer is ${repeat.withinDays} days past a first purchase in this period`}
          >
            Choose an earlier period or a shorter window.
          </EmptyState>
        ) : (
          <LineChart
            ariaLabel="Repeat-purchase rate by month of first purchase"
            data={chart}
            xKey="cohort"
            series={[
              {
                key: "rate",
                label: `Bought again within ${repeat.withinDays} days`,
                color: "#0f766e",
              },
              ...(data.grain === "month"
                ? [
                    {
                      key: "next",
                      label: `Bought in month ${trend.period} after the first`,
                      color: "#b45309",
                      dashed: true,
                    },
                  ]
                : []),
            ]}
            formatX={(m) => formatMonth(String(m), business.locale)}
            formatY={(v) => formatPercent(v, business.locale, 0)}
          />
        )}
      </CardBody>
    </Card>
  );
}
