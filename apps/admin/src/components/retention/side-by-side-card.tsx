"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  EmptyState,
  ErrorNotice,
  formatNumber,
  formatPercent,
  Select,
  Skeleton,
} from "@boomerang/ui";
import { LineChart, type LineSeries } from "@boomerang/ui/charts/line-chart";
import { CsvDownload } from "@/components/charts/csv-download";
import { useTRPC } from "@/trpc/react";
import { channelNote } from "./channel-note";
import { compareKey, parseCompare, type CompareSeries } from "./extras-search";
import { periodLabel, periodNoun } from "./labels";
import { cohortColours } from "./palette";
import type { BusinessFormat } from "./retention-view";
import type { RetentionInput } from "./search";

type Option = { key: string; label: string; group: string };

/**
 * The weighted mean retention curve of 2–4 segments, program groups (members vs control) or home
 * stores on one chart, over the same cohorts as the page. The chosen curves live in the URL.
 */
export function SideBySideCard({
  input,
  compare,
  onCompareChange,
  stores,
  business,
}: {
  input: RetentionInput;
  compare: CompareSeries[];
  /** Applies a change to the latest chosen curves (two quick picks both count). */
  onCompareChange: (change: (current: CompareSeries[]) => CompareSeries[]) => void;
  stores: { id: number; name: string }[];
  business: BusinessFormat;
}) {
  const trpc = useTRPC();
  const grain = input.grain ?? "month";
  const segments = useQuery(trpc.programs.segmentOptions.queryOptions());
  const programs = useQuery(trpc.programs.list.queryOptions({}));
  const ready = compare.length >= 2;
  const query = useQuery({
    ...trpc.retention.sideBySide.queryOptions(
      {
        range: input.range,
        storeId: input.storeId ?? null,
        grain,
        channel: input.channel ?? null,
        series: compare,
      },
      { placeholderData: keepPreviousData },
    ),
    enabled: ready,
  });

  const options: Option[] = [
    ...stores.map((s) => ({ key: `store:${s.id}`, label: s.name, group: "Home stores" })),
    ...(segments.data ?? []).map((s) => ({
      key: `segment:${s.id}`,
      label: s.name,
      group: "Segments",
    })),
    ...(programs.data ?? []).flatMap((p) => [
      { key: `program:${p.id}:members`, label: `${p.name} · members`, group: "Programs" },
      { key: `program:${p.id}:control`, label: `${p.name} · control group`, group: "Programs" },
    ]),
  ];
  const labelOf = (s: CompareSeries) =>
    options.find((o) => o.key === compareKey(s))?.label ?? compareKey(s);
  const chosen = new Set(compare.map(compareKey));
  const data = ready ? query.data : undefined;
  const curves = data?.curves ?? [];
  const width = Math.max(0, ...curves.map((c) => c.mean.length));
  const rows = Array.from({ length: width }, (_, k) => {
    const row: Record<string, number | null> = { period: k };
    curves.forEach((c, i) => {
      row[`c${i}`] = c.mean[k]?.classicRate ?? null;
    });
    return row;
  });
  const series: LineSeries[] = curves.map((c, i) => ({
    key: `c${i}`,
    label: `${c.label} (${formatNumber(c.customers, business.locale)})`,
    color: cohortColours[i % cohortColours.length]!,
  }));

  return (
    <Card>
      <CardHeader
        title="Retention side by side"
        description={`The share of each group's customers buying in each ${periodNoun[grain]} after the first, weighted by cohort size over ${periodNoun[grain]}s that are over; customers are those whose first purchase is in the page's period${input.storeId ? ", and segment and program curves stay within the chosen home store" : ""}.${channelNote(input.channel ?? null, "first-purchase")}`}
        actions={
          <CsvDownload
            filename={`retention-side-by-side-${grain}.csv`}
            header={["period", ...curves.map((c) => c.label)]}
            rows={rows.map((r) => [
              periodLabel(grain, Number(r.period)),
              ...curves.map((_, i) => r[`c${i}`] ?? null),
            ])}
          />
        }
      />
      <CardBody className="space-y-3">
        <div className="no-print flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">Add a curve</span>
            <Select
              aria-label="Add a curve"
              value=""
              disabled={compare.length >= 4}
              onChange={(e) => {
                const [added] = parseCompare(e.target.value);
                if (added)
                  onCompareChange((current) =>
                    current.some((c) => compareKey(c) === compareKey(added)) || current.length >= 4
                      ? current
                      : [...current, added],
                  );
              }}
            >
              <option value="">
                {compare.length >= 4
                  ? "Four curves at most"
                  : "Choose a store, segment or program…"}
              </option>
              {["Home stores", "Segments", "Programs"].map((group) => (
                <optgroup key={group} label={group}>
                  {options
                    .filter((o) => o.group === group && !chosen.has(o.key))
                    .map((o) => (
                      <option key={o.key} value={o.key}>
                        {o.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </Select>
          </label>
          {compare.map((s) => (
            <Button
              key={compareKey(s)}
              type="button"
              variant="secondary"
              aria-label={`Remove ${labelOf(s)}`}
              onClick={() =>
                onCompareChange((current) => current.filter((c) => compareKey(c) !== compareKey(s)))
              }
            >
              {labelOf(s)} ×
            </Button>
          ))}
        </div>
        {!ready ? (
          <EmptyState title="Pick two to four curves to compare">
            Add home stores, saved segments, or a program&apos;s members and its control group above
            to see their retention on one chart.
          </EmptyState>
        ) : query.error ? (
          <ErrorNotice title="The curves could not be loaded">{query.error.message}</ErrorNotice>
        ) : !data ? (
          <Skeleton className="h-72" />
        ) : width === 0 ? (
          <EmptyState title="No complete periods for these curves yet">
            None of these groups has a cohort whose first {periodNoun[grain]} is over: choose an
            earlier or longer period above.
          </EmptyState>
        ) : (
          <LineChart
            ariaLabel="Retention curves side by side"
            data={rows}
            xKey="period"
            series={series}
            formatX={(k) => periodLabel(grain, Number(k))}
            formatY={(v) => formatPercent(v, business.locale, 0)}
            yDomain={[0, 1]}
          />
        )}
      </CardBody>
    </Card>
  );
}
