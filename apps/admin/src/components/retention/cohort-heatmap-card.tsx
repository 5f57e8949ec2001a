"use client";

import { useState } from "react";
import {
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  formatMoney,
  formatNumber,
  formatPercent,
  Select,
} from "@boomerang/ui";
import { Heatmap } from "@boomerang/ui/charts/heatmap";
import type { RouterOutputs } from "@boomerang/api";
import { CsvDownload } from "@/components/charts/csv-download";
import { cohortLabel, periodLabel, periodNoun } from "./labels";
import { channelNote } from "./channel-note";
import type { BusinessFormat } from "./retention-view";

type Retention = RouterOutputs["retention"]["get"];
type Measure = "classic" | "unbounded" | "revenue";

export function CohortHeatmapCard({
  data,
  business,
}: {
  data: Retention;
  business: BusinessFormat;
}) {
  const [measure, setMeasure] = useState<Measure>("classic");
  const { matrix, grain } = data;
  const hasRevenue = matrix.rows.some((r) => r.cells.some((c) => c.revenue !== null));
  const shown: Measure = measure === "revenue" && !hasRevenue ? "classic" : measure;
  const width = Math.max(0, ...matrix.rows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, k) => periodLabel(grain, k));
  const pct = (v: number) => formatPercent(v, business.locale, 0);

  const rows = matrix.rows.map((row) => ({
    key: row.cohort,
    label: cohortLabel(grain, row.cohort, business.locale),
    note: formatNumber(row.size, business.locale),
    cells: row.cells.map((c) => {
      const value =
        shown === "classic"
          ? c.classicRate
          : shown === "unbounded"
            ? c.unboundedRate
            : (c.revenueRate ?? 0);
      const count = shown === "classic" ? c.active : c.unbounded;
      const what =
        shown === "revenue"
          ? `${formatMoney(c.revenue ?? 0, business.currency, business.locale)} (${pct(value)} of the first ${periodNoun[grain]}'s revenue)`
          : `${formatNumber(count, business.locale)} of ${formatNumber(row.size, business.locale)} customers (${pct(value)})`;
      return {
        value: shown === "revenue" ? Math.min(1, value) : value,
        label: pct(value),
        detail: `${cohortLabel(grain, row.cohort, business.locale)}, ${periodLabel(grain, c.period)}: ${what}${c.complete ? "" : " — period not over yet"}`,
        muted: !c.complete,
      };
    }),
  }));

  return (
    <Card>
      <CardHeader
        title="Cohort retention"
        description={`Customers grouped by the ${periodNoun[grain]} of their first purchase. ${
          shown === "classic"
            ? `Each cell: the share who bought in that ${periodNoun[grain]}.`
            : shown === "unbounded"
              ? `Each cell: the share who bought in that ${periodNoun[grain]} or any later one.`
              : `Each cell: revenue in that ${periodNoun[grain]} as a share of the cohort's first-${periodNoun[grain]} revenue.`
        }${channelNote(data.channel, "first-purchase")}`}
        actions={
          <div className="no-print flex items-center gap-2">
            <Select
              aria-label="Measure"
              value={shown}
              onChange={(e) => setMeasure(e.target.value as Measure)}
            >
              <option value="classic">Bought in the period</option>
              <option value="unbounded">Bought then or later</option>
              {hasRevenue ? <option value="revenue">Revenue retained</option> : null}
            </Select>
            <CsvDownload
              filename={`cohort-retention-${grain}.csv`}
              header={[
                "cohort",
                "size",
                "period",
                "buyers",
                "buyers_then_or_later",
                "classic_rate",
                "unbounded_rate",
                "revenue_minor",
                "revenue_rate",
                "complete",
              ]}
              rows={matrix.rows.flatMap((r) =>
                r.cells.map((c) => [
                  r.cohort,
                  r.size,
                  c.period,
                  c.active,
                  c.unbounded,
                  c.classicRate,
                  c.unboundedRate,
                  c.revenue,
                  c.revenueRate ?? null,
                  String(c.complete),
                ]),
              )}
            />
          </div>
        }
      />
      <CardBody>
        {matrix.rows.length === 0 ? (
          <EmptyState title="No customers made a first purchase in this period">
            Choose an earlier or longer period.
          </EmptyState>
        ) : (
          <Heatmap
            ariaLabel="Cohort retention table"
            rowHeader="Cohort"
            noteHeader="Customers"
            columns={columns}
            rows={rows}
            legend={{
              low: "0%",
              high: "100%",
              muted: "Period not over yet (left out of averages)",
            }}
          />
        )}
      </CardBody>
    </Card>
  );
}
