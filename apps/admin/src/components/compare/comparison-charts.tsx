"use client";

import type { ComparisonResult } from "@boomerang/domain/simulation";
import { Card, CardBody, CardHeader, EmptyState, formatMoney, formatMonth } from "@boomerang/ui";
import { LineChart } from "@boomerang/ui/charts/line-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import type { Format } from "./metric-rows";

export const candidateColors = ["#0f766e", "#b45309", "#4338ca", "#be123c"] as const;

type Key = "cumulativeCost" | "cumulativeIncrementalRevenue";

function SeriesChart({
  result,
  field,
  title,
  description,
  format,
}: {
  result: ComparisonResult;
  field: Key;
  title: string;
  description: string;
  format: Format;
}) {
  const data = result.monthStarts.map((start, m) => ({
    month: new Date(start).toISOString().slice(0, 10),
    ...Object.fromEntries(
      result.candidates.map((c, k) => [`c${k}`, c.series.months[m]?.[field] ?? null]),
    ),
  }));
  return (
    <Card>
      <CardHeader
        title={title}
        description={description}
        actions={
          <CsvDownload
            filename={`${field === "cumulativeCost" ? "cumulative-cost" : "cumulative-incremental-revenue"}.csv`}
            header={["month", ...result.candidates.map((c) => `${c.label} (minor units)`)]}
            rows={data.map((d) => [
              d.month,
              ...result.candidates.map(
                (_, k) => (d as Record<string, number | string | null>)[`c${k}`] ?? null,
              ),
            ])}
          />
        }
      />
      <CardBody>
        {data.length === 0 ? (
          <EmptyState title="No months in the period" />
        ) : (
          <LineChart
            data={data}
            xKey="month"
            series={result.candidates.map((c, k) => ({
              key: `c${k}`,
              label: c.label,
              color: candidateColors[k % candidateColors.length] as string,
            }))}
            formatX={(x) => formatMonth(String(x), format.locale)}
            formatY={(y) => formatMoney(y, format.currency, format.locale, true)}
            ariaLabel={`${title} per candidate, by month`}
          />
        )}
      </CardBody>
    </Card>
  );
}

/** Cumulative cost and assumed incremental revenue over the period, one line per candidate. */
export function ComparisonCharts({ result, format }: { result: ComparisonResult; format: Format }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <SeriesChart
        result={result}
        field="cumulativeCost"
        title="Cumulative cost"
        description="Rewards granted (including outstanding points) and messages."
        format={format}
      />
      <SeriesChart
        result={result}
        field="cumulativeIncrementalRevenue"
        title="Cumulative incremental revenue"
        description="Assumed: from the response model, not replayed."
        format={format}
      />
    </div>
  );
}
