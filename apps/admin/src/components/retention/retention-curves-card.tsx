"use client";

import { useState } from "react";
import { Card, CardBody, CardHeader, EmptyState, formatPercent } from "@boomerang/ui";
import { LineChart, type LineSeries } from "@boomerang/ui/charts/line-chart";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { cohortLabel, periodLabel, periodNoun } from "./labels";
import { cohortColours } from "./palette";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];

/** The weighted mean curve and the cohorts the marketer ticks, on one chart (complete periods only). */
export function RetentionCurvesCard({
  data,
  business,
}: {
  data: Retention;
  business: BusinessFormat;
}) {
  const { matrix, grain } = data;
  const [chosen, setChosen] = useState<string[]>(() =>
    matrix.rows
      .filter((r) => r.cells.length > 2)
      .slice(-3)
      .map((r) => r.cohort),
  );
  const picked = matrix.rows.filter((r) => chosen.includes(r.cohort));
  const width = Math.max(
    matrix.mean.length,
    ...picked.map((r) => r.cells.filter((c) => c.complete).length),
  );
  const rows = Array.from({ length: width }, (_, k) => {
    const row: Record<string, number | string | null> = {
      period: k,
      mean: matrix.mean[k]?.classicRate ?? null,
      meanUnbounded: matrix.mean[k]?.unboundedRate ?? null,
    };
    for (const r of picked) {
      const cell = r.cells[k];
      row[r.cohort] = cell?.complete ? cell.classicRate : null;
    }
    return row;
  });
  const series: LineSeries[] = [
    { key: "mean", label: "Weighted mean", color: "#0f172a" },
    {
      key: "meanUnbounded",
      label: "Weighted mean (then or later)",
      color: "#64748b",
      dashed: true,
    },
    ...picked.map((r, i) => ({
      key: r.cohort,
      label: cohortLabel(grain, r.cohort, business.locale),
      color: cohortColours[i % cohortColours.length]!,
    })),
  ];

  return (
    <Card>
      <CardHeader
        title="Retention curves"
        description={`Share of each cohort buying in each ${periodNoun[grain]} after the first; the mean is weighted by cohort size over ${periodNoun[grain]}s that are over.${channelNote(data.channel, "first-purchase")}`}
        actions={
          <CsvDownload
            filename={`retention-curves-${grain}.csv`}
            header={["period", ...series.map((s) => s.label)]}
            rows={rows.map((r) => [
              periodLabel(grain, Number(r.period)),
              ...series.map((s) => r[s.key] ?? null),
            ])}
          />
        }
      />
      <CardBody>
        {matrix.mean.length === 0 ? (
          <EmptyState title="No complete periods yet">
            Retention curves need at least one cohort whose first period is over.
          </EmptyState>
        ) : (
          <>
            <LineChart
              ariaLabel="Retention curves by period since first purchase"
              data={rows}
              xKey="period"
              series={series}
              formatX={(k) => periodLabel(grain, Number(k))}
              formatY={(v) => formatPercent(v, business.locale, 0)}
              yDomain={[0, 1]}
            />
            <fieldset className="no-print mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
              <legend className="mb-1 font-medium text-slate-600">Cohorts on the chart</legend>
              {matrix.rows.map((r) => (
                <label key={r.cohort} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={chosen.includes(r.cohort)}
                    onChange={(e) =>
                      setChosen((c) =>
                        e.target.checked ? [...c, r.cohort] : c.filter((x) => x !== r.cohort),
                      )
                    }
                  />
                  {cohortLabel(grain, r.cohort, business.locale)}
                </label>
              ))}
            </fieldset>
          </>
        )}
      </CardBody>
    </Card>
  );
}
