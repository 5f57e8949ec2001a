"use client";

import { Card, CardBody, CardHeader, EmptyState, formatNumber } from "@boomerang/ui";
import { StackedBarChart } from "@boomerang/ui/charts/stacked-bar-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

export function PurchaseGapsCard({
  data,
  business,
}: {
  data: Retention;
  business: BusinessFormat;
}) {
  const { gaps } = data;
  const bars = gaps.histogram.map((b) => ({
    days: b.toDay === null ? `${b.fromDay}+` : `${b.fromDay}–${b.toDay}`,
    count: b.count,
  }));
  return (
    <Card>
      <CardHeader
        title="Time between purchases"
        description={`${
          gaps.medianDays === null
            ? "Days between a customer's consecutive purchases."
            : `Days between a customer's consecutive purchases; median ${formatNumber(gaps.medianDays, business.locale)} days over ${formatNumber(gaps.gaps, business.locale)} repeat purchases.`
        }${channelNote(data.channel, "first-purchase")}`}
        actions={
          <CsvDownload
            filename="time-between-purchases.csv"
            header={["from_day", "to_day", "purchases"]}
            rows={gaps.histogram.map((b) => [b.fromDay, b.toDay, b.count])}
          />
        }
      />
      <CardBody>
        {gaps.gaps === 0 ? (
          <EmptyState title="No customer in this period has bought twice yet" />
        ) : (
          <StackedBarChart
            ariaLabel="Distribution of days between purchases"
            data={bars}
            xKey="days"
            series={[{ key: "count", label: "Repeat purchases", color: "#0f766e" }]}
            formatX={(d) => `${d} d`}
            formatY={(v) => formatNumber(v, business.locale, true)}
          />
        )}
      </CardBody>
    </Card>
  );
}
