"use client";

import { Card, CardBody, CardHeader, EmptyState, formatMoney, formatMonth } from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { cohortColours } from "./palette";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

/** Cumulative revenue per customer by months since the first purchase; the latest cohorts with a complete month. */
export function ClvCard({ data, business }: { data: Retention; business: BusinessFormat }) {
  const curves = data.clv.filter((c) => c.points.length > 0).slice(-6);
  const width = Math.max(0, ...curves.map((c) => c.points.length));
  const rows = Array.from({ length: width }, (_, k) => {
    const row: Record<string, number | null> = { month: k };
    for (const c of curves) row[c.cohort] = c.points[k]?.perCustomer ?? null;
    return row;
  });
  return (
    <Card>
      <CardHeader
        title="Historical customer value"
        description={`Cumulative revenue per customer by months since the first purchase, per monthly cohort (months that are over).${channelNote(data.channel, "first-purchase")}`}
        actions={
          <CsvDownload
            filename="historical-clv.csv"
            header={["cohort", "customers", "months_since_first", "revenue_per_customer_minor"]}
            rows={data.clv.flatMap((c) =>
              c.points.map((p) => [c.cohort, c.size, p.period, p.perCustomer]),
            )}
          />
        }
      />
      <CardBody>
        {curves.length === 0 ? (
          <EmptyState title="No cohort has a complete month yet" />
        ) : (
          <LineChart
            ariaLabel="Cumulative revenue per customer by months since first purchase"
            data={rows}
            xKey="month"
            series={curves.map((c, i) => ({
              key: c.cohort,
              label: formatMonth(c.cohort, business.locale),
              color: cohortColours[i % cohortColours.length]!,
            }))}
            formatX={(k) => `M${k}`}
            formatY={(v) => formatMoney(v, business.currency, business.locale, true)}
          />
        )}
      </CardBody>
    </Card>
  );
}
